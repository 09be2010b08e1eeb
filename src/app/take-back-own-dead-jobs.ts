import type { Sql } from "../store/sql.ts";
import { handBackJobs } from "../store/wait-job.ts";
import { forgetWorker, replicaWorkers, type WorkerReplica } from "../store/workers.ts";

/** True when a process with this pid runs on this host (signal 0 only checks; EPERM: it runs, as someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * At the start of a replica on a shared database: hands back at once (due now, attempt refunded,
 * lock keys freed) the running jobs of this replica's previous processes, and removes their rows,
 * rather than waiting for their heartbeat to go stale. A previous process is a row of the same
 * replica whose pid runs no more on this host, or is our own pid (a container restarted as pid 1
 * again: the process that had it is gone), unless it is a worker this very process still runs
 * (`liveHere`, several apps in one process, as in tests). Workers of other replicas are never
 * touched: they may live elsewhere. Returns how many jobs came back.
 */
export async function takeBackOwnDeadJobs(
  sql: Sql,
  self: { workerId: string; replica: WorkerReplica; liveHere: ReadonlySet<string> },
  now: Date,
  isAlive: (pid: number) => boolean = isProcessAlive,
): Promise<number> {
  let taken = 0;
  for (const worker of await replicaWorkers(sql, self.replica.id, self.workerId)) {
    if (self.liveHere.has(worker.id)) continue;
    if (worker.pid !== self.replica.pid && isAlive(worker.pid)) continue;
    taken += await handBackJobs(sql, worker.id, now);
    await forgetWorker(sql, worker.id);
  }
  return taken;
}
