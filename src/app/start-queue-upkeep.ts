import type { Sql } from "../store/sql.ts";
import { beatWorker, forgetWorker, releaseRunningJobs, workerBeatMs } from "../store/workers.ts";

export interface QueueUpkeepLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface QueueUpkeep {
  /** On PostgreSQL, wakes the worker whenever any replica queues a job or frees a work item's lock. */
  listen(wake: () => void): Promise<void>;
  stop(): Promise<void>;
}

/** The channel the store's triggers notify (migration 0015). */
const jobsChannel = "pitwall_jobs";

/**
 * What keeps the job queue healthy around one worker: at start-up on embedded PGlite (one process
 * per data folder) every job left running by the previous process goes back to the queue at once;
 * then the worker's heartbeat, so on PostgreSQL other replicas take back its jobs within seconds
 * of its death, and never while it lives; and on PostgreSQL the wake-up when another replica
 * queues work, so a job does not wait for the next poll.
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
  let listener: { close(): Promise<void> } | undefined;
  return {
    async listen(wake) {
      listener = await sql.listen?.(jobsChannel, wake, (error) => log.error({ err: error }, "lost the job queue's notifications; connecting again"));
    },
    async stop() {
      clearInterval(beat);
      await listener?.close();
      await forgetWorker(sql, workerId).catch((error: unknown) => log.error({ err: error }, "could not remove the worker's heartbeat"));
    },
  };
}
