import type { Sql } from "../store/sql.ts";
import { beatWorker, forgetWorker, releaseRunningJobs, workerBeatMs } from "../store/workers.ts";

export interface QueueUpkeepLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface QueueUpkeep {
  stop(): Promise<void>;
}

/**
 * What keeps the job queue healthy around one worker: at start-up on embedded PGlite (one process
 * per data folder) every job left running by the previous process goes back to the queue at once;
 * then the worker's heartbeat, so on PostgreSQL other replicas take back its jobs within seconds
 * of its death, and never while it lives.
 */
export async function startQueueUpkeep(sql: Sql, workerId: string, log: QueueUpkeepLog): Promise<QueueUpkeep> {
  if (sql.kind === "pglite") {
    const released = await releaseRunningJobs(sql);
    if (released > 0) log.info({ jobs: released }, "took back the jobs a stopped process left running");
  }
  await beatWorker(sql, workerId);
  const beat = setInterval(() => {
    beatWorker(sql, workerId).catch((error: unknown) => log.error({ err: error }, "could not record the worker's heartbeat"));
  }, workerBeatMs);
  beat.unref();
  return {
    async stop() {
      clearInterval(beat);
      await forgetWorker(sql, workerId).catch((error: unknown) => log.error({ err: error }, "could not remove the worker's heartbeat"));
    },
  };
}
