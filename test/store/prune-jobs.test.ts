import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimJob, enqueueJob, pruneJobs, type Sql } from "../../src/store/index.ts";
import { storeBackends } from "../support/fresh-database.ts";

// Finished jobs are pruned on a schedule so the queue's table does not grow for ever (issue 16):
// done jobs after 7 days, failed ones after 30; a job still to run or running is never touched.
const now = new Date("2026-12-07T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe.each(storeBackends)("pruning finished jobs on $name", ({ open }) => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await open();
  });
  afterAll(async () => {
    await sql.close();
  });
  beforeEach(async () => {
    await sql.exec("delete from job_locks; delete from jobs; delete from workers");
  });

  const finished = async (name: string, status: "done" | "failed", days: number) => {
    const id = await enqueueJob(sql, { kind: name, payload: {}, dedupeKey: name, runAt: daysAgo(days + 1) });
    await sql.query("update jobs set status = $2, finished_at = $3 where id = $1", [id ?? 0, status, daysAgo(days)]);
  };
  const kinds = async () => (await sql.query<{ kind: string }>("select kind from jobs order by kind")).map((row) => row.kind);

  it("deletes done jobs after a week and failed ones after a month, and nothing still to run", async () => {
    await finished("done-8-days", "done", 8);
    await finished("done-6-days", "done", 6);
    await finished("failed-31-days", "failed", 31);
    await finished("failed-29-days", "failed", 29);
    await enqueueJob(sql, { kind: "queued-long-ago", payload: {}, runAt: daysAgo(60) });
    await enqueueJob(sql, { kind: "running-long-ago", payload: {}, runAt: daysAgo(60) });
    await sql.query("update jobs set status = 'running', locked_by = 'w', locked_until = $1 where kind = 'running-long-ago'", [daysAgo(59)]);
    expect(await pruneJobs(sql, now)).toMatchObject({ jobs: 2 });
    expect(await kinds()).toEqual(["done-6-days", "failed-29-days", "queued-long-ago", "running-long-ago"]);
    // Its dedupe key went with the job: the same key can be queued again.
    expect(await enqueueJob(sql, { kind: "done-8-days", payload: {}, dedupeKey: "done-8-days", runAt: now })).toBeTypeOf("number");
  });

  it("frees a lock key whose job no longer runs, and forgets workers gone for a day", async () => {
    await enqueueJob(sql, { kind: "locked", payload: {}, lockKey: "item:stale", runAt: daysAgo(1) });
    await enqueueJob(sql, { kind: "waiting", payload: {}, lockKey: "item:stale", runAt: daysAgo(1) });
    const held = await claimJob(sql, "w-gone", daysAgo(1), 60_000);
    expect(held?.kind).toBe("locked");
    // Code outside the queue ends the job without going through completeJob.
    await sql.query("update jobs set status = 'failed', finished_at = $2 where id = $1", [held!.id, daysAgo(1)]);
    await sql.query("insert into workers (id, started_at, heartbeat_at) values ('w-gone', now() - interval '3 days', now() - interval '2 days'), ('w-live', now(), now())");
    expect(await pruneJobs(sql, now)).toMatchObject({ locks: 1, workers: 1 });
    expect((await claimJob(sql, "w-live", now, 60_000))?.kind).toBe("waiting");
    expect((await sql.query<{ id: string }>("select id from workers")).map((row) => row.id)).toEqual(["w-live"]);
  });
});
