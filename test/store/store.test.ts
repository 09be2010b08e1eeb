import { spawn } from "node:child_process";
import { mkdtempSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordCommentCommand } from "../../src/store/record-comment-command.ts";
import { claimJob, completeJob, createWorkItem, DataFolderLockedError, enqueueJob, failJob, lockDataFolder, openStore, recordDelivery, renewLease, type Sql } from "../../src/store/index.ts";
import { staleLockMs } from "../../src/store/data-folder-lock.ts";
import { storeBackends } from "../support/fresh-database.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const t0 = new Date("2026-11-21T10:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe.each(storeBackends)("store on $name", ({ open }) => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await open();
  });
  afterAll(async () => {
    await sql.close();
  });

  it("creates the tables the design needs", async () => {
    const rows = await sql.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' order by 1");
    expect(rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(["work_items", "pass_runs", "gate_decisions", "ledger", "webhook_deliveries", "jobs", "audit_log", "schema_migrations"]));
  });

  it("records a delivery once", async () => {
    const delivery = { deliveryId: "d-1", event: "issues", action: "labeled", installationId: 1, repoFullName: "o/r", receivedAt: t0 };
    expect(await recordDelivery(sql, delivery)).toBe(true);
    expect(await recordDelivery(sql, delivery)).toBe(false);
  });

  it("takes a comment's commands up once; answers an edit once per version, never after its commands ran", async () => {
    const comment = (kind: "acted" | "edit_answered", updatedAt: string) => recordCommentCommand(sql, { commentId: 9001, updatedAt: new Date(updatedAt), kind, repoFullName: "acme/rocket" });
    expect(await comment("edit_answered", "2026-12-01T10:00:05Z")).toBe(true);
    expect(await comment("edit_answered", "2026-12-01T10:00:05Z")).toBe(false);
    expect(await comment("acted", "2026-12-01T10:00:00Z")).toBe(true);
    expect(await comment("acted", "2026-12-01T10:00:00Z")).toBe(false);
    expect(await comment("edit_answered", "2026-12-01T10:00:09Z")).toBe(false);
  });

  it("creates a work item once per issue", async () => {
    const item = { installationId: 1, repo: { owner: "o", name: "r" }, issueNumber: 7, issueTitle: "t", workflow: "feature", initiator: "alice", now: t0 };
    const first = await createWorkItem(sql, item);
    const second = await createWorkItem(sql, item);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.workItem.id).toBe(first.workItem.id);
  });

  it("dedupes jobs, claims by priority, serialises a lock key and retries with a delay", async () => {
    expect(await enqueueJob(sql, { kind: "a", payload: {}, dedupeKey: "k1", lockKey: "w1", runAt: t0 })).toBeTypeOf("number");
    expect(await enqueueJob(sql, { kind: "a", payload: {}, dedupeKey: "k1", lockKey: "w1", runAt: t0 })).toBeUndefined();
    await enqueueJob(sql, { kind: "b", payload: {}, lockKey: "w1", runAt: t0 });
    await enqueueJob(sql, { kind: "urgent", payload: {}, priority: 10, runAt: t0 });

    const urgent = await claimJob(sql, "w", at(1), 60_000);
    expect(urgent?.kind).toBe("urgent");
    const a = await claimJob(sql, "w", at(1), 60_000);
    expect(a?.kind).toBe("a");
    // "b" shares a's lock key: nothing else is runnable while a runs.
    expect(await claimJob(sql, "w", at(1), 60_000)).toBeUndefined();
    await failJob(sql, a!, "w", { error: "boom", retryAt: at(30) }, at(2));
    // a is back for t+30; b may run now.
    const b = await claimJob(sql, "w", at(3), 60_000);
    expect(b?.kind).toBe("b");
    await completeJob(sql, urgent!, "w", at(3));
    await completeJob(sql, b!, "w", at(4));
    // The retry of a becomes runnable at t+30, not before.
    expect(await claimJob(sql, "w", at(20), 60_000)).toBeUndefined();
    const retried = await claimJob(sql, "w", at(31), 60_000);
    expect(retried).toMatchObject({ id: a!.id, attempts: 2 });
    await completeJob(sql, retried!, "w", at(32));
  });

  it("lets one person's queued commands take turns with another's", async () => {
    for (let n = 0; n < 3; n += 1) await enqueueJob(sql, { kind: "spam", payload: { n }, fairKey: "comment:o/r#1:mallory", priority: 100, runAt: at(100 + n) });
    await enqueueJob(sql, { kind: "approve", payload: {}, fairKey: "comment:o/r#1:carol", priority: 100, runAt: at(110) });
    const order: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const job = await claimJob(sql, "w", at(120), 60_000);
      order.push(job?.kind ?? "none");
      await completeJob(sql, job!, "w", at(121));
    }
    // Carol's job, queued last, comes right after Mallory's first (both are first turns).
    expect(order).toEqual(["spam", "approve", "spam", "spam"]);
  });

  it("answers an edit once per comment, however often it is edited", async () => {
    const edit = (updatedAt: string) => recordCommentCommand(sql, { commentId: 9002, updatedAt: new Date(updatedAt), kind: "edit_answered", repoFullName: "acme/rocket" });
    expect(await edit("2026-12-01T10:00:05Z")).toBe(true);
    expect(await edit("2026-12-01T10:00:09Z")).toBe(false);
    // The comment's own commands (its creation) are still taken up.
    expect(await recordCommentCommand(sql, { commentId: 9002, updatedAt: new Date("2026-12-01T10:00:00Z"), kind: "acted", repoFullName: "acme/rocket" })).toBe(true);
  });

  it("returns the same types from every backend", async () => {
    const [row] = await sql.query<{ id: number; usd: string; at: Date; payload: { a: number } }>(
      "select 1::bigint as id, 0.023700000::numeric(18,9) as usd, now() as at, '{\"a\":1}'::jsonb as payload",
    );
    expect(row).toMatchObject({ id: 1, usd: "0.023700000", payload: { a: 1 } });
    expect(row?.at).toBeInstanceOf(Date);
  });

  it("rolls back a failed transaction", async () => {
    await expect(
      sql.transaction(async (tx) => {
        await tx.query("insert into webhook_deliveries (delivery_id, event, received_at) values ('rolled-back', 'x', now())");
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await sql.query("select 1 from webhook_deliveries where delivery_id = 'rolled-back'")).toHaveLength(0);
  });

  it("keeps a job whose worker renews its lease, and only for that worker", async () => {
    await enqueueJob(sql, { kind: "long", payload: {}, runAt: at(400), dedupeKey: "long" });
    const first = await claimJob(sql, "busy-worker", at(400), 1_000);
    expect(first?.kind).toBe("long");
    expect(await renewLease(sql, first!, "busy-worker", at(600))).toBe(true);
    expect(await renewLease(sql, first!, "other-worker", at(900))).toBe(false);
    // Past the first lease but within the renewed one: nobody takes it back.
    expect(await claimJob(sql, "other-worker", at(500), 1_000)).toBeUndefined();
    const again = await claimJob(sql, "other-worker", at(601), 1_000);
    expect(again).toMatchObject({ id: first?.id, attempts: 2 });
    // The first worker has lost it: renewing fails, so it cannot extend the new holder's lease.
    expect(await renewLease(sql, first!, "busy-worker", at(2_000))).toBe(false);
    await completeJob(sql, again!, "other-worker", at(602));
  });

  it("keeps a work item's next job waiting while a dead worker's job of it waits to be claimed again", async () => {
    await enqueueJob(sql, { kind: "first", payload: {}, lockKey: "item:dead", runAt: at(700) });
    await enqueueJob(sql, { kind: "second", payload: {}, lockKey: "item:dead", runAt: at(700) });
    const first = await claimJob(sql, "dead-worker", at(700), 1_000);
    expect(first?.kind).toBe("first");
    // Its lease ran out: the job is claimed again, and the second one still waits for it.
    const again = await claimJob(sql, "live-worker", at(800), 1_000);
    expect(again).toMatchObject({ id: first?.id, attempts: 2 });
    expect(await claimJob(sql, "live-worker", at(800), 1_000)).toBeUndefined();
    await completeJob(sql, again!, "live-worker", at(801));
    const second = await claimJob(sql, "live-worker", at(802), 1_000);
    expect(second?.kind).toBe("second");
    await completeJob(sql, second!, "live-worker", at(803));
  });

  it("fences a worker whose lease ran out and whose job was claimed again: it can neither complete, fail nor renew it", async () => {
    await enqueueJob(sql, { kind: "fenced", payload: {}, lockKey: "item:fenced", runAt: at(900) });
    await enqueueJob(sql, { kind: "next", payload: {}, lockKey: "item:fenced", runAt: at(900) });
    const late = await claimJob(sql, "slow-worker", at(900), 1_000);
    const holder = await claimJob(sql, "other-worker", at(902), 1_000);
    expect(holder).toMatchObject({ id: late?.id, attempts: 2 });
    expect(await completeJob(sql, late!, "slow-worker", at(903))).toBe(false);
    expect(await failJob(sql, late!, "slow-worker", { error: "late", retryAt: null }, at(903))).toBe(false);
    expect(await renewLease(sql, late!, "slow-worker", at(5_000))).toBe(false);
    // The late worker freed nothing: the work item's next job still waits for the holder.
    expect(await claimJob(sql, "third-worker", at(903), 1_000)).toBeUndefined();
    const [row] = await sql.query<{ status: string; locked_by: string }>("select status, locked_by from jobs where id = $1", [late!.id]);
    expect(row).toEqual({ status: "running", locked_by: "other-worker" });
    // The same worker claiming its own job again holds a new claim; the old one is fenced off too.
    const mine = await claimJob(sql, "other-worker", at(904), 1_000);
    expect(mine).toMatchObject({ id: late?.id, attempts: 3 });
    expect(await completeJob(sql, holder!, "other-worker", at(904))).toBe(false);
    expect(await completeJob(sql, mine!, "other-worker", at(904))).toBe(true);
    const next = await claimJob(sql, "third-worker", at(905), 1_000);
    expect(next?.kind).toBe("next");
    await completeJob(sql, next!, "third-worker", at(906));
  });

  it("takes back a job whose worker stopped renewing its lease", async () => {
    await enqueueJob(sql, { kind: "lease", payload: {}, runAt: at(100), dedupeKey: "lease" });
    const first = await claimJob(sql, "dead-worker", at(100), 1_000);
    expect(first?.kind).toBe("lease");
    const again = await claimJob(sql, "live-worker", at(200), 1_000);
    expect(again?.id).toBe(first?.id);
    expect(again?.attempts).toBe(2);
  });
});

describe("data folder lock", () => {
  it("refuses a second holder while the first is alive", () => {
    const dir = mkdtempSync(join(tmpdir(), "pitwall-lock-"));
    const lock = lockDataFolder(dir);
    // process.ppid is alive and not us: it stands in for another Pitwall process.
    expect(() => lockDataFolder(dir, process.ppid)).toThrow(DataFolderLockedError);
    lock.release();
    lockDataFolder(dir, process.ppid).release();
  });

  it("makes a new data folder its owner's alone (PGlite's own files are writable by everyone)", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "pitwall-lock-")), "data");
    lockDataFolder(dir).release();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("tells containers sharing a volume apart (each runs as pid 1) and takes over a lock its holder stopped touching", () => {
    const dir = mkdtempSync(join(tmpdir(), "pitwall-lock-"));
    const lockFile = join(dir, "pitwall.lock");
    const longAgo = new Date(Date.now() - staleLockMs - 1_000);
    const first = lockDataFolder(dir, 1, "container-a");
    expect(() => lockDataFolder(dir, 1, "container-b")).toThrow(/pid 1 on host container-a/);
    // Host networking: both containers are pid 1 on the same host name.
    expect(() => lockDataFolder(dir, 1, "container-a")).toThrow(/pid 1 on host container-a/);
    // container-a was killed without releasing: a minute untouched, and another container may take the folder.
    utimesSync(lockFile, longAgo, longAgo);
    const second = lockDataFolder(dir, 1, "container-b");
    second.release();
    // The same container restarted after a kill: its pid 1 of before is gone once the lock went stale.
    const left = lockDataFolder(dir, 1, "container-a");
    utimesSync(lockFile, longAgo, longAgo);
    lockDataFolder(dir, 1, "container-a").release();
    first.release();
    left.release();
  });

  it("refuses, with a clear message, to open a data folder another process has open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pitwall-data-"));
    const first = await openStore({ dataDir: dir });
    try {
      const script = `import { openStore } from "./src/store/index.ts"; await openStore({ dataDir: ${JSON.stringify(dir)} });`;
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).not.toBe(0);
      expect(stderr).toContain(`The data folder ${dir} is in use by another Pitwall process (pid ${process.pid})`);
    } finally {
      await first.close();
    }
    // After a clean close the folder opens again, with its data.
    const reopened = await openStore({ dataDir: dir });
    expect((await reopened.query<{ n: number }>("select count(*)::int as n from schema_migrations"))[0]?.n).toBeGreaterThan(0);
    await reopened.close();
  });
});
