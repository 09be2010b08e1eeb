import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { main, type CostCliIo } from "../../src/app/cost-cli.ts";
import { usdToNano } from "../../src/domain/money.ts";
import { appendLedger, createWorkItem, openStore, queuePassRun, type Sql, type StoreOptions } from "../../src/store/index.ts";
import type { LedgerEntry } from "../../src/domain/types.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const now = new Date("2026-11-21T10:00:00Z");

/** An in-memory store with three calls in November and one in October, seeded through the store. */
async function seededStore(): Promise<Sql> {
  const sql = await openStore({});
  const item = (issueNumber: number, workflow: string, repo = { owner: "octo", name: "shop" }) =>
    createWorkItem(sql, { installationId: 1, repo, issueNumber, issueTitle: "t", workflow, initiator: "alice", now });
  const feature = (await item(7, "feature")).workItem;
  const bug = (await item(8, "bug")).workItem;
  const other = (await item(1, "feature", { owner: "acme", name: "api" })).workItem;
  const pass = await queuePassRun(sql, { workItemId: feature.id, passId: "implement", iteration: 1, agent: "implementer", trigger: "first" });
  const call = (workItemId: number, usd: string, createdAt: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
    workItemId,
    passRunId: workItemId === feature.id ? pass.id : null,
    iteration: 1,
    agent: "implementer",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    tier: "mid",
    tierReason: "agent default",
    inputTokens: 1000,
    cacheWriteTokens: 0,
    cacheReadTokens: 0,
    outputTokens: 100,
    usd: usdToNano(usd),
    priced: true,
    priceTableDate: "2026-10-01",
    latencyMs: 900,
    cacheHit: false,
    savingUsd: 0n,
    createdAt: new Date(createdAt),
    ...extra,
  });
  await appendLedger(sql, call(feature.id, "0.0237", "2026-11-03T09:00:00Z"));
  await appendLedger(sql, call(feature.id, "0.0043", "2026-11-04T09:00:00Z"));
  await appendLedger(sql, call(bug.id, "0.000000001", "2026-11-05T09:00:00Z", { agent: "debugger", tier: "cheap" }));
  await appendLedger(sql, call(other.id, "5", "2026-11-06T09:00:00Z"));
  await appendLedger(sql, call(bug.id, "9", "2026-10-15T23:00:00Z"));
  return sql;
}

function capture(openStoreFn?: (options: StoreOptions) => Promise<Sql>) {
  const out: string[] = [];
  const err: string[] = [];
  const opened: StoreOptions[] = [];
  const io: CostCliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    now: () => now,
    ...(openStoreFn ? { openStore: (options: StoreOptions) => (opened.push(options), openStoreFn(options)) } : {}),
  };
  return { io, opened, stdout: () => out.join(""), stderr: () => err.join("") };
}

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "pitwall-cost-"));
  tempDirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("pitwall cost", () => {
  it("prints a table of a month by workflow for one repo and exits 0", async () => {
    const sql = await seededStore();
    const run = capture(() => Promise.resolve(sql));
    const code = await main(["--by", "workflow", "--period", "2026-11", "--repo", "octo/shop"], { PITWALL_DATA_DIR: "/srv/pitwall" }, run.io);
    expect(run.stderr()).toBe("");
    expect(code).toBe(0);
    expect(run.opened).toEqual([{ databaseUrl: undefined, dataDir: "/srv/pitwall" }]);
    expect(run.stdout()).toBe(
      [
        "Cost by workflow, 2026-11-01 to 2026-11-30 (UTC)",
        "",
        "workflow  calls  input  cache write  cache read  output     cost  cache hits  saved  unpriced",
        "--------  -----  -----  -----------  ----------  ------  -------  ----------  -----  --------",
        "feature       2  2,000            0           0     200    $0.03           0  $0.00         0",
        // One nano-dollar is not free: formatUsd keeps four decimals under a cent.
        "bug           1  1,000            0           0     100  $0.0000           0  $0.00         0",
        "--------  -----  -----  -----------  ----------  ------  -------  ----------  -----  --------",
        "(total)       3  3,000            0           0     300    $0.03           0  $0.00         0",
        "",
      ].join("\n"),
    );
  });

  it("prints exact CSV, by pass, for every repo", async () => {
    const sql = await seededStore();
    const run = capture(() => Promise.resolve(sql));
    expect(await main(["--by=pass", "--period=2026-11-01..2026-11-30", "--format=csv"], {}, run.io)).toBe(0);
    expect(run.stdout().split("\r\n")).toEqual([
      "pass,calls,input_tokens,cache_write_tokens,cache_read_tokens,output_tokens,usd,cache_hits,saving_usd,unpriced_calls",
      "acme/api#1 (no pass),1,1000,0,0,100,5.000000000,0,0.000000000,0",
      "octo/shop#7 implement,2,2000,0,0,200,0.028000000,0,0.000000000,0",
      "octo/shop#8 (no pass),1,1000,0,0,100,0.000000001,0,0.000000000,0",
      "(total),4,4000,0,0,400,5.028000001,0,0.000000000,0",
      "",
    ]);
  });

  it("prints JSON and uses DATABASE_URL when it is set", async () => {
    const sql = await seededStore();
    const run = capture(() => Promise.resolve(sql));
    expect(await main(["--by", "installation", "--format", "json"], { DATABASE_URL: "postgres://db/pitwall", PITWALL_DATA_DIR: "/ignored" }, run.io)).toBe(0);
    expect(run.opened).toEqual([{ databaseUrl: "postgres://db/pitwall", dataDir: undefined }]);
    // Default period: the last 30 days before now, which leaves out October's call.
    expect(JSON.parse(run.stdout())).toMatchObject({
      by: "installation",
      period: { from: "2026-10-22T10:00:00.000Z", to: "2026-11-21T10:00:00.000Z" },
      groups: [{ key: "1", calls: 4, usd: "5.028000001" }],
      total: { calls: 4, usd: "5.028000001" },
    });
  });

  it("closes the store it opened", async () => {
    const sql = await seededStore();
    let closed = false;
    const run = capture(() => Promise.resolve({ ...sql, close: async () => ((closed = true), await sql.close()) }));
    expect(await main(["--period", "2026-11"], {}, run.io)).toBe(0);
    expect(closed).toBe(true);
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--by", "colour"], /--by must be one of work_item, workflow, agent, model, tier, pass, repo, installation; got "colour"/],
    [["--format", "xml"], /--format must be one of table, csv, json/],
    [["--period", "2026-13"], /no month 13/],
    [["--repo", "shop"], /owner\/name/],
    [["--installation=-3"], /--installation must be/],
    [["--installation", "abc"], /--installation must be/],
    [["--by"], /argument missing/],
    [["workflow"], /positional/],
  ])("rejects %j with usage on stderr, exit 2, and opens nothing", async (argv, message) => {
    let opened = false;
    const run = capture(() => ((opened = true), openStore({})));
    expect(await main(argv, {}, run.io)).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr()).toContain("Usage: npm run cost --");
    expect(run.stdout()).toBe("");
    expect(opened).toBe(false);
  });

  it("prints usage on stdout for --help and exits 0", async () => {
    const run = capture();
    expect(await main(["--help"], {}, run.io)).toBe(0);
    expect(run.stdout()).toContain("--by            work_item | workflow");
    expect(run.stderr()).toBe("");
  });

  it("refuses a data folder a running app holds, and leaves its lock alone", async () => {
    const dir = tempDir();
    // The parent process is alive and is not this one: the lock is held.
    writeFileSync(join(dir, "pitwall.lock"), String(process.ppid));
    const run = capture();
    expect(await main(["--period", "2026-11"], { PITWALL_DATA_DIR: dir }, run.io)).toBe(1);
    expect(run.stderr()).toContain(`the data folder ${dir} is in use by a running Pitwall app`);
    expect(run.stderr()).toMatch(/Stop the app and run this again, or .* DATABASE_URL/);
    expect(run.stdout()).toBe("");
    expect(readFileSync(join(dir, "pitwall.lock"), "utf8")).toBe(String(process.ppid));
    expect(readdirSync(dir)).toEqual(["pitwall.lock"]);
  });

  it("will not create a database where there is none", async () => {
    const dir = join(tempDir(), "missing");
    const run = capture();
    expect(await main([], { PITWALL_DATA_DIR: dir }, run.io)).toBe(1);
    expect(run.stderr()).toContain(`There is no Pitwall data folder at ${dir}`);
    expect(existsSync(dir)).toBe(false);
  });

  it("will not create a database in a folder that holds none, and says so", async () => {
    const dir = tempDir();
    const run = capture();
    expect(await main([], { PITWALL_DATA_DIR: dir }, run.io)).toBe(1);
    expect(run.stderr()).toContain(`There is no Pitwall database in ${dir}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("reads a PGlite data folder no one holds, then releases it", async () => {
    const dir = tempDir();
    const seed = await openStore({ dataDir: dir });
    const { workItem } = await createWorkItem(seed, { installationId: 5, repo: { owner: "o", name: "r" }, issueNumber: 1, issueTitle: "t", workflow: "docs", initiator: "a", now });
    await appendLedger(seed, { workItemId: workItem.id, passRunId: null, iteration: 1, agent: "writer", provider: "openai", model: "gpt-5", tier: "cheap", tierReason: "", inputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1, usd: usdToNano("0.25"), priced: true, priceTableDate: "2026-10-01", latencyMs: 1, cacheHit: false, savingUsd: 0n, createdAt: new Date("2026-11-02T00:00:00Z") });
    await seed.close();
    const run = capture();
    expect(await main(["--by", "agent", "--period", "2026-11", "--format", "csv"], { PITWALL_DATA_DIR: dir }, run.io)).toBe(0);
    expect(run.stdout()).toContain("writer,1,1,0,0,1,0.250000000,0,0.000000000,0\r\n");
    expect(existsSync(join(dir, "pitwall.lock"))).toBe(false);
  });

  it("runs as `npm run cost` from the command line", () => {
    const result = spawnSync(process.execPath, ["src/app/cost-cli.ts", "--by", "colour"], { cwd: root, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--by must be one of');
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8"))).toMatchObject({ scripts: { cost: "node src/app/cost-cli.ts" } });
  });
});
