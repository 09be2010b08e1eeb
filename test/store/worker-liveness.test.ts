import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beatWorker, claimJob, completeJob, enqueueJob, forgetWorker, releaseRunningJobs, type Sql } from "../../src/store/index.ts";
import { storeBackends } from "../support/fresh-database.ts";

// A restart takes back its own dead jobs at once (issue 16): jobs of a worker whose heartbeat went
// stale are claimed again without waiting out their 10-minute lease, and a live worker's never are.
const t0 = new Date("2026-12-07T10:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const lease = 10 * 60_000;

describe.each(storeBackends)("worker liveness on $name", ({ open }) => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await open();
  });
  afterAll(async () => {
    await sql.close();
  });

  const staleHeartbeat = (workerId: string) => sql.query("update workers set heartbeat_at = now() - interval '31 seconds' where id = $1", [workerId]);
  const holderOf = async (id: number) => (await sql.query<{ status: string; locked_by: string | null }>("select status, locked_by from jobs where id = $1", [id]))[0];

  it("claims a dead worker's job at once, well within its lease, and never a live worker's", async () => {
    await beatWorker(sql, "live");
    await beatWorker(sql, "dead");
    await enqueueJob(sql, { kind: "live-job", payload: {}, lockKey: "item:live", runAt: at(0) });
    await enqueueJob(sql, { kind: "dead-job", payload: {}, lockKey: "item:dead", runAt: at(0) });
    await enqueueJob(sql, { kind: "dead-next", payload: {}, lockKey: "item:dead", runAt: at(0) });
    const live = await claimJob(sql, "live", at(1), lease);
    const dead = await claimJob(sql, "dead", at(1), lease);
    expect([live?.kind, dead?.kind]).toEqual(["live-job", "dead-job"]);
    // Both heartbeats fresh: nothing to take within the leases.
    expect(await claimJob(sql, "other", at(2), lease)).toBeUndefined();
    await staleHeartbeat("dead");
    const taken = await claimJob(sql, "other", at(3), lease);
    expect(taken).toMatchObject({ id: dead?.id, attempts: 2 });
    // The live worker's job stays its own; the dead one's work item still runs one job at a time.
    expect(await claimJob(sql, "other", at(4), lease)).toBeUndefined();
    expect(await holderOf(live!.id)).toEqual({ status: "running", locked_by: "live" });
    // The dead worker, should it wake up, is fenced off.
    expect(await completeJob(sql, dead!, "dead", at(5))).toBe(false);
    expect(await completeJob(sql, taken!, "other", at(5))).toBe(true);
    const next = await claimJob(sql, "other", at(6), lease);
    expect(next?.kind).toBe("dead-next");
    await completeJob(sql, next!, "other", at(7));
    await completeJob(sql, live!, "live", at(7));
  });

  it("never takes back a worker's jobs for the worker itself, nor for a worker that left cleanly", async () => {
    await beatWorker(sql, "slow");
    await enqueueJob(sql, { kind: "slow-job", payload: {}, runAt: at(100) });
    const slow = await claimJob(sql, "slow", at(100), lease);
    expect(slow?.kind).toBe("slow-job");
    await staleHeartbeat("slow");
    // A worker is alive to itself whatever its heartbeat says: it would run its own job twice.
    expect(await claimJob(sql, "slow", at(101), lease)).toBeUndefined();
    await beatWorker(sql, "slow");
    await forgetWorker(sql, "slow");
    // No row: the lease alone decides (workers of an older version never beat).
    expect(await claimJob(sql, "other-2", at(102), lease)).toBeUndefined();
    const after = await claimJob(sql, "other-2", at(100 + lease / 1000 + 1), lease);
    expect(after?.id).toBe(slow?.id);
    await completeJob(sql, after!, "other-2", at(100 + lease / 1000 + 2));
  });

  it("puts every running job back at once when the only process that could hold them is gone", async () => {
    await enqueueJob(sql, { kind: "left-running", payload: {}, lockKey: "item:left", runAt: at(2_000) });
    await enqueueJob(sql, { kind: "left-next", payload: {}, lockKey: "item:left", runAt: at(2_000) });
    const left = await claimJob(sql, "gone", at(2_000), lease);
    expect(left?.kind).toBe("left-running");
    expect(await releaseRunningJobs(sql)).toBe(1);
    expect(await sql.query("select 1 from jobs where status = 'running'")).toEqual([]);
    expect(await sql.query("select 1 from job_locks")).toEqual([]);
    const again = await claimJob(sql, "new", at(2_001), lease);
    expect(again).toMatchObject({ id: left?.id, attempts: 2 });
  });
});
