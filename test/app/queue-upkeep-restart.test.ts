import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startQueueUpkeep } from "../../src/app/start-queue-upkeep.ts";
import { claimJob, enqueueJob, type Sql } from "../../src/store/index.ts";
import { readPidScope } from "../../src/store/read-pid-scope.ts";
import { storeBackends } from "../support/fresh-database.ts";

// A restart takes back its own dead jobs at once (issue 16, point 3), on PostgreSQL too: a job its
// previous process on this host left running is run again at start-up, though that process's
// heartbeat is still fresh; the jobs of live processes, on this host or another, are left alone.
const postgres = storeBackends.filter((backend) => backend.name === "PostgreSQL");
const now = new Date("2026-12-07T12:00:00Z");
const lease = 600_000;
const scope = readPidScope();

/** A pid no process on this host has any more: a child's that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  if (child.pid === undefined) throw new Error("no child pid");
  return child.pid;
}

async function leaveRunning(sql: Sql, worker: { id: string; replica: string; pid: number; scope?: string | undefined }): Promise<number> {
  await sql.query("insert into workers (id, started_at, heartbeat_at, replica, pid, pid_scope) values ($1, now(), now(), $2, $3, $4)", [
    worker.id,
    worker.replica,
    worker.pid,
    "scope" in worker ? (worker.scope ?? null) : (scope ?? null),
  ]);
  const id = await enqueueJob(sql, { kind: `left-by-${worker.id}`, payload: {}, lockKey: `item:${worker.id}`, runAt: now });
  if (id === undefined) throw new Error("no job");
  await sql.query("update jobs set status = 'running', attempts = 1, locked_by = $2, locked_until = $3 where id = $1", [id, worker.id, new Date(now.getTime() + lease)]);
  await sql.query("insert into job_locks (lock_key, job_id) values ($1, $2)", [`item:${worker.id}`, id]);
  return id;
}

describe.runIf(postgres.length > 0)("a restarted replica on PostgreSQL", () => {
  it("takes back at once its previous process's jobs, and never a live process's", async () => {
    const sql = await postgres[0]!.open();
    try {
      const gone = await leaveRunning(sql, { id: "gone", replica: "host-a", pid: deadPid() });
      const samePid = await leaveRunning(sql, { id: "same-pid", replica: "host-a", pid: process.pid });
      const neighbour = await leaveRunning(sql, { id: "neighbour", replica: "host-a", pid: process.ppid });
      const elsewhere = await leaveRunning(sql, { id: "elsewhere", replica: "host-b", pid: deadPid() });
      const logged: string[] = [];
      const log = { info: (_fields: object, message: string) => void logged.push(message), error: () => {} };
      const upkeep = await startQueueUpkeep(sql, { workerId: "restarted", replica: { id: "host-a", pid: process.pid, scope }, log, clock: { now: () => now } });
      try {
        const first = await claimJob(sql, "restarted", now, lease);
        const second = await claimJob(sql, "restarted", now, lease);
        // Back in the queue with their attempt refunded and their work items' locks freed.
        expect([first?.id, second?.id].sort()).toEqual([gone, samePid].sort());
        expect([first?.attempts, second?.attempts]).toEqual([1, 1]);
        expect(await claimJob(sql, "restarted", now, lease)).toBeUndefined();
        const holders = await sql.query<{ id: number; locked_by: string }>("select id, locked_by from jobs where id in ($1, $2) order by id", [neighbour, elsewhere]);
        expect(holders).toEqual([{ id: neighbour, locked_by: "neighbour" }, { id: elsewhere, locked_by: "elsewhere" }]);
        const workers = await sql.query<{ id: string }>("select id from workers order by id");
        expect(workers.map((row) => row.id)).toEqual(["elsewhere", "neighbour", "restarted"]);
        expect(logged).toContain("took back the jobs this replica's previous process left running");
      } finally {
        await upkeep.stop();
      }
    } finally {
      await sql.close();
    }
  });

  it("takes back a previous process of another pid namespace once its heartbeat stays still, and never a live twin's", async () => {
    const sql = await postgres[0]!.open();
    const statusOf = async (id: number) => (await sql.query<{ status: string; locked_by: string | null }>("select status, locked_by from jobs where id = $1", [id]))[0];
    try {
      // Both run as our pid under our host name, in a pid namespace of their own: a container
      // restarted (its old process gone) and a twin container under host networking (alive).
      const restarted = await leaveRunning(sql, { id: "old-container", replica: "host-a", pid: process.pid, scope: "another-boot/pid:[1]" });
      const twin = await leaveRunning(sql, { id: "twin", replica: "host-a", pid: process.pid, scope: "another-boot/pid:[2]" });
      const twinBeats = setInterval(() => void sql.query("update workers set heartbeat_at = now() where id = 'twin'").catch(() => undefined), 50);
      const log = { info: () => {}, error: () => {} };
      const upkeep = await startQueueUpkeep(sql, { workerId: "restarted", replica: { id: "host-a", pid: process.pid, scope }, confirmSilenceMs: 500, log, clock: { now: () => now } });
      try {
        // A pid of another namespace says nothing: neither is taken on sight.
        expect(await statusOf(restarted)).toEqual({ status: "running", locked_by: "old-container" });
        await expect.poll(() => statusOf(restarted), { timeout: 10_000, interval: 50 }).toEqual({ status: "queued", locked_by: null });
        expect(await statusOf(twin)).toEqual({ status: "running", locked_by: "twin" });
        expect((await sql.query<{ id: string }>("select id from workers where id = 'twin'")).length).toBe(1);
      } finally {
        clearInterval(twinBeats);
        await upkeep.stop();
      }
    } finally {
      await sql.close();
    }
  });
});
