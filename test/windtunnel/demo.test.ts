import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// One run of `npm run demo -- --workflow docs --show card,cost,gate --keep-data <folder>` as a
// user starts it (a child process), its stdout kept chunk by chunk as it arrived; every
// assertion below reads that same captured run (each demo run costs seconds on a busy machine).

const root = fileURLToPath(new URL("../../", import.meta.url));
const { DATABASE_URL: _url, PITWALL_DATA_DIR: _dir, ...env } = process.env;
let folder = "";
let run: { chunks: string[]; stdout: string; stderr: string; code: number | null };

function section(title: string): string {
  const start = run.stdout.indexOf(`\n${title}`);
  expect(start, `section "${title}" in:\n${run.stdout}`).toBeGreaterThan(-1);
  const next = run.stdout.slice(start + 1).search(/\n\n\S/);
  return next === -1 ? run.stdout.slice(start) : run.stdout.slice(start, start + 1 + next);
}
const timelineLines = () => section("Timeline").split("\n").filter((line) => /^\+\s*\d+\.\d\d s {2}/.test(line));

beforeAll(async () => {
  folder = join(mkdtempSync(join(tmpdir(), "pitwall-demo-")), "data");
  run = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["windtunnel/demo.ts", "--workflow", "docs", "--show", "card,cost,gate", "--keep-data", folder], { cwd: root, env });
    const chunks: string[] = [];
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => chunks.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ chunks, stdout: chunks.join(""), stderr, code }));
  });
}, 120_000);

afterAll(() => {
  if (folder) rmSync(join(folder, ".."), { recursive: true, force: true });
});

describe("npm run demo", () => {
  it("finishes the docs workflow", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Work item: done. Passes merged: write → review.");
  });

  it("prints the timeline as it happens, not all at once at the end", () => {
    const lines = timelineLines();
    expect(lines.length).toBeGreaterThan(20);
    const chunkOf = (text: string) => run.chunks.findIndex((chunk) => chunk.includes(text));
    // Each line is written when its event happens: the lines arrive over many separate chunks,
    // and the first one long before the summary that ends the run.
    const chunksWithLines = new Set(lines.map(chunkOf));
    expect(chunksWithLines.size).toBeGreaterThan(5);
    expect(chunkOf(lines[0] ?? "?")).toBeLessThan(chunkOf("Work item: done"));
    expect(chunkOf(lines.at(-1) ?? "?") - chunkOf(lines[0] ?? "?")).toBeGreaterThan(5);
  });

  it("names a check run's creation and its completion apart, so no verifier looks duplicated", () => {
    const bodies = timelineLines().map((line) => line.replace(/^\+\s*\d+\.\d\d s {2}/, ""));
    for (const name of ["pitwall/test-tampering", "pitwall/secrets", "pitwall/write-scope", "pitwall/documenter", "pitwall/gate"]) {
      expect(bodies.filter((body) => body.includes(`created check run ${name}`)).length, name).toBeGreaterThan(0);
      expect(bodies.filter((body) => body.includes(`completed check run ${name}`)).length, name).toBeGreaterThan(0);
    }
    const repeated = bodies.filter((body, index) => body.includes("check run") && body === bodies[index - 1]);
    expect(repeated).toEqual([]);
  });

  it("shows the final status card, Pitwall's last cost summary and the last pass's gate check", () => {
    const card = section("Status card");
    expect(card).toContain("<!-- pitwall:status-card -->");
    expect(card).toContain("**State:** ✅ done");
    // The demo's repository is protected as README "Installing on GitHub" says: the card has nothing to warn about.
    expect(card).not.toContain("[!IMPORTANT]");
    const cost = section("Cost summary");
    expect(cost).toContain("<!-- pitwall:cost:");
    expect(cost).toMatch(/\$\d/);
    const gate = section("Gate check");
    expect(gate).toContain("pitwall/gate on the review pass");
    expect(gate).toContain("success");
    expect(gate).toMatch(/Title: \S/);
    expect(gate).toMatch(/Summary:\n {2}\S/);
  });

  it("says in the audit trail who started the work item and that /workflow docs overrode the analyst's proposal", () => {
    const audit = section("Audit trail");
    expect(audit).toMatch(/^ {2}alice +started — the analyst proposes a workflow \(label pitwall\)$/m);
    expect(audit).toMatch(/^ {2}carol +\/workflow docs — overrode the analyst's proposal: feature$/m);
  });

  it("leaves its data folder behind, unlocked, for `npm run cost` to report the demo's spend", () => {
    expect(run.stdout).toContain(`PITWALL_DATA_DIR=${folder} npm run cost -- --period last-30-days`);
    expect(existsSync(join(folder, "pitwall.lock"))).toBe(false);
    const cost = spawnSync(process.execPath, ["src/app/cost-cli.ts", "--period", "last-30-days", "--format", "json"], { cwd: root, encoding: "utf8", env: { ...env, PITWALL_DATA_DIR: folder } });
    expect(cost.stderr).toBe("");
    expect(cost.status).toBe(0);
    const report = JSON.parse(cost.stdout) as { groups: { key: string; usd: string }[] };
    const docs = report.groups.find((row) => row.key === "docs");
    expect(Number(docs?.usd)).toBeGreaterThan(0);
  });
});
