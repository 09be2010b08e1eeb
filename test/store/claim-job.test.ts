import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimJob, enqueueJob } from "../../src/store/jobs.ts";
import type { Sql } from "../../src/store/sql.ts";
import { storeBackends } from "../support/fresh-database.ts";

// A claim must never be blocked by a lock nobody holds, nor retake forever a job that kills its process.

describe.each(storeBackends)("claiming jobs on $name", ({ open }) => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await open();
  });
  afterAll(async () => {
    await sql?.close();
  });
  const at = (seconds: number) => new Date(Date.parse("2026-12-07T03:00:00Z") + seconds * 1_000);

  it("takes over a lock row whose job is no longer running (left by an older version), rather than wait for the prune", async () => {
    const old = await enqueueJob(sql, { kind: "old", payload: {}, lockKey: "work-item:stale-lock", runAt: at(0) });
    await sql.query("update jobs set status = 'done' where id = $1", [old ?? 0]);
    await sql.query("insert into job_locks (lock_key, job_id) values ('work-item:stale-lock', $1)", [old ?? 0]);
    const next = await enqueueJob(sql, { kind: "next", payload: {}, lockKey: "work-item:stale-lock", runAt: at(0) });
    expect((await claimJob(sql, "w-1", at(1), 60_000))?.id).toBe(next);
    const locks = await sql.query<{ job_id: number }>("select job_id from job_locks where lock_key = 'work-item:stale-lock'");
    expect(locks.map((lock) => Number(lock.job_id))).toEqual([next]);
    // The key is held again now: a second job of it waits.
    await enqueueJob(sql, { kind: "after", payload: {}, lockKey: "work-item:stale-lock", runAt: at(0) });
    expect(await claimJob(sql, "w-2", at(1), 60_000)).toBeUndefined();
    await sql.exec("update jobs set status = 'done'; delete from job_locks");
  });

  it("fails a job whose worker died while running its last attempt, instead of retaking it forever, and frees its lock", async () => {
    const killer = await enqueueJob(sql, { kind: "oom", payload: {}, lockKey: "work-item:oom", runAt: at(0), maxAttempts: 2 });
    expect((await claimJob(sql, "w-1", at(10), 1_000))?.attempts).toBe(1);
    // Its lease ran out (the process died): taken back once, its last attempt.
    expect((await claimJob(sql, "w-2", at(20), 1_000))?.attempts).toBe(2);
    const next = await enqueueJob(sql, { kind: "next", payload: {}, lockKey: "work-item:oom", runAt: at(0) });
    expect((await claimJob(sql, "w-3", at(30), 1_000))?.id).toBe(next);
    const [row] = await sql.query<{ status: string; last_error: string | null; finished_at: Date | null }>("select status, last_error, finished_at from jobs where id = $1", [killer ?? 0]);
    expect(row?.status).toBe("failed");
    expect(row?.last_error).toMatch(/worker .*died|lease/);
    expect(row?.finished_at).not.toBeNull();
    await sql.exec("update jobs set status = 'done'; delete from job_locks");
  });
});
