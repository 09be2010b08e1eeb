import { isProcessAlive } from "../store/is-process-alive.ts";
import type { Sql } from "../store/sql.ts";
import { handBackJobs } from "../store/wait-job.ts";
import { forgetWorker, replicaWorkers, type ReplicaWorker, type WorkerReplica } from "../store/workers.ts";

export interface OwnDeadJobs {
  /** Jobs handed back at once. */
  taken: number;
  /** Rows of this replica whose pid says nothing here (another pid namespace or kernel): a restarted container, or a live twin. */
  unsure: ReplicaWorker[];
}

export interface ReplicaSelf {
  workerId: string;
  replica: WorkerReplica;
  /** Workers this very process runs (several apps in one process, as in tests): never a previous process. */
  liveHere: ReadonlySet<string>;
}

/**
 * At the start of a replica on a shared database: hands back at once (due now, attempt refunded,
 * lock keys freed) the running jobs of this replica's previous processes, and removes their rows,
 * rather than waiting for their heartbeat to go stale. Within one pid scope (same kernel and pid
 * namespace) a row is a previous process when its pid runs no more, or is our own. Rows of another
 * scope come back as `unsure` (see `takeBackIfStillSilent`). Workers of other replicas are never
 * touched: they may live elsewhere.
 */
export async function takeBackOwnDeadJobs(sql: Sql, self: ReplicaSelf, now: Date, isAlive: (pid: number) => boolean = isProcessAlive): Promise<OwnDeadJobs> {
  let taken = 0;
  const unsure: ReplicaWorker[] = [];
  for (const worker of await replicaWorkers(sql, self.replica.id, self.workerId)) {
    if (self.liveHere.has(worker.id)) continue;
    if ((worker.pidScope ?? undefined) !== self.replica.scope) unsure.push(worker);
    else if (worker.pid === self.replica.pid || !isAlive(worker.pid)) taken += await forget(sql, worker.id, now);
  }
  return { taken, unsure };
}

/**
 * The second look at `unsure` rows, one heartbeat interval and more after the first: a live worker
 * has beaten meanwhile and is left alone; one whose heartbeat has not moved is this replica's
 * previous process (a container restarted, in a new pid namespace), and its jobs come back now,
 * still well before its heartbeat is 30 s stale.
 */
export async function takeBackIfStillSilent(sql: Sql, self: ReplicaSelf, unsure: readonly ReplicaWorker[], now: Date): Promise<number> {
  const before = new Map(unsure.map((worker) => [worker.id, worker.beat]));
  let taken = 0;
  for (const worker of await replicaWorkers(sql, self.replica.id, self.workerId, [...before.keys()])) {
    if (before.get(worker.id) === worker.beat) taken += await forget(sql, worker.id, now);
  }
  return taken;
}

async function forget(sql: Sql, workerId: string, now: Date): Promise<number> {
  const taken = await handBackJobs(sql, workerId, now);
  await forgetWorker(sql, workerId);
  return taken;
}
