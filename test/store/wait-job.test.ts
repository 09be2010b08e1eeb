import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimJob, enqueueJob } from "../../src/store/jobs.ts";
import type { Sql } from "../../src/store/sql.ts";
import { deferJob, handBackJobs, readJobWaits } from "../../src/store/wait-job.ts";
import { storeBackends } from "../support/fresh-database.ts";

// A job that waits for the outside, or that a stopping worker hands back, goes back to the queue
// with its attempt refunded, and only while the worker still holds it.

describe.each(storeBackends)("waiting and handed-back jobs on $name", ({ open }) => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await open();
  });
  afterAll(async () => {
    await sql?.close();
  });
  const now = new Date("2026-12-07T03:00:00Z");
  const row = async (id: number | undefined = 0) => (await sql.query<{ status: string; attempts: number; waits: number; run_at: Date; locked_by: string | null }>("select status, attempts, waits, run_at, locked_by from jobs where id = $1", [id]))[0];

  it("defers a job only for the worker that holds it, refunding the attempt and counting the wait", async () => {
    const id = await enqueueJob(sql, { kind: "defer-me", payload: {}, runAt: now });
    const claim = await claimJob(sql, "w-1", now, 60_000);
    expect(claim?.id).toBe(id);
    const held = { id: id!, attempts: claim?.attempts ?? 0 };
    expect(await deferJob(sql, held, "w-2", "waiting for GitHub: rate limit", new Date(now.getTime() + 60_000))).toBe(false);
    // An older claim of the same worker (its lease ran out and it claimed the job again) is not this one.
    expect(await deferJob(sql, { ...held, attempts: held.attempts - 1 }, "w-1", "waiting for GitHub: rate limit", new Date(now.getTime() + 60_000))).toBe(false);
    expect(await deferJob(sql, held, "w-1", "waiting for GitHub: rate limit", new Date(now.getTime() + 60_000))).toBe(true);
    expect(await row(id)).toEqual({ status: "queued", attempts: 0, waits: 1, run_at: new Date(now.getTime() + 60_000), locked_by: null });
    expect(await readJobWaits(sql, id!)).toBe(1);
    await sql.query("update jobs set status = 'done' where id = $1", [id ?? 0]);
  });

  it("frees a deferred job's work-item lock, so the next job of its work item runs while it waits", async () => {
    const waiting = await enqueueJob(sql, { kind: "wait-locked", payload: {}, lockKey: "work-item:defer", runAt: now });
    const claim = await claimJob(sql, "w-1", now, 60_000);
    expect(claim?.id).toBe(waiting);
    const next = await enqueueJob(sql, { kind: "wait-locked", payload: {}, lockKey: "work-item:defer", runAt: now });
    expect(await claimJob(sql, "w-2", now, 60_000)).toBeUndefined();
    expect(await deferJob(sql, { id: waiting!, attempts: claim?.attempts ?? 0 }, "w-1", "waiting for anthropic: overloaded", new Date(now.getTime() + 60_000))).toBe(true);
    expect((await claimJob(sql, "w-2", now, 60_000))?.id).toBe(next);
    await sql.query("update jobs set status = 'done' where id = any($1::bigint[])", [`{${waiting},${next}}`]);
    await sql.query("delete from job_locks where lock_key = 'work-item:defer'");
  });

  it("hands back the named running jobs of a stopping worker, due at once, and leaves others' jobs alone", async () => {
    const first = await enqueueJob(sql, { kind: "hand-back", payload: {}, runAt: now });
    const second = await enqueueJob(sql, { kind: "hand-back", payload: {}, runAt: now });
    const third = await enqueueJob(sql, { kind: "hand-back", payload: {}, runAt: now });
    const firstClaim = await claimJob(sql, "w-1", now, 60_000);
    await claimJob(sql, "w-1", now, 60_000);
    await claimJob(sql, "w-other", now, 60_000);
    const later = new Date(now.getTime() + 5_000);
    expect(await handBackJobs(sql, "w-1", later, [{ id: first!, attempts: firstClaim?.attempts ?? 0 }])).toBe(1);
    expect(await row(first)).toEqual({ status: "queued", attempts: 0, waits: 0, run_at: later, locked_by: null });
    expect((await row(second))?.status).toBe("running");
    expect(await handBackJobs(sql, "w-1", later)).toBe(1);
    expect(await row(second)).toMatchObject({ status: "queued", attempts: 0, locked_by: null });
    expect(await row(third)).toMatchObject({ status: "running", locked_by: "w-other" });
  });

  it("hands back a job only under the claim named, not an older claim of the same worker", async () => {
    const id = await enqueueJob(sql, { kind: "hand-back-fenced", payload: {}, runAt: now });
    await claimJob(sql, "w-1", now, 1_000);
    // Its lease ran out and the same worker claimed it again: the first claim's hand-back is stale.
    const again = await claimJob(sql, "w-1", new Date(now.getTime() + 2_000), 60_000);
    expect(again).toMatchObject({ id, attempts: 2 });
    expect(await handBackJobs(sql, "w-1", now, [{ id: id!, attempts: 1 }])).toBe(0);
    expect(await row(id)).toMatchObject({ status: "running", attempts: 2, locked_by: "w-1" });
    expect(await handBackJobs(sql, "w-1", now, [{ id: id!, attempts: 2 }])).toBe(1);
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 1, locked_by: null });
  });
});
