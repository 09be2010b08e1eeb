import type { Clock } from "../domain/clock.ts";
import { pruneJobs } from "../store/prune-jobs.ts";
import type { Sql } from "../store/sql.ts";
import { beatWorker, forgetWorker, releaseRunningJobs, workerBeatMs, type WorkerReplica } from "../store/workers.ts";
import { takeBackIfStillSilent, takeBackOwnDeadJobs } from "./take-back-own-dead-jobs.ts";

export interface QueueUpkeepLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface QueueUpkeepOptions {
  workerId: string;
  /** This process's replica (host name or PITWALL_REPLICA_ID) and pid; unset, nothing is taken back at start on PostgreSQL. */
  replica?: WorkerReplica | undefined;
  log: QueueUpkeepLog;
  clock: Clock;
  /** How long an unsure row of this replica (another pid namespace) must stay silent before its jobs are taken back; a heartbeat interval and a half by default. */
  confirmSilenceMs?: number;
  /** How often finished jobs past their retention are pruned (store/prune-jobs.ts); hourly by default. */
  pruneEveryMs?: number;
}

export interface QueueUpkeep {
  /** On PostgreSQL, wakes the worker whenever any replica queues a job or frees a work item's lock. */
  listen(wake: () => void): Promise<void>;
  stop(): Promise<void>;
}

/** The channel the store's triggers notify (migration 0015). */
const jobsChannel = "pitwall_jobs";

/** The workers this process runs now (several apps in one process, as in tests): never a previous process's. */
const liveHere = new Set<string>();

/**
 * What keeps the job queue healthy around one worker: at start-up on embedded PGlite (one process
 * per data folder) every job left running by the previous process goes back to the queue at once,
 * and on PostgreSQL those of this replica's own previous processes (take-back-own-dead-jobs.ts);
 * then the worker's heartbeat, so on PostgreSQL other replicas take back its jobs within seconds
 * of its death, and never while it lives; the wake-up when another replica queues work (PostgreSQL),
 * so a job does not wait for the next poll; and the prune of old finished jobs, now and hourly.
 */
export async function startQueueUpkeep(sql: Sql, options: QueueUpkeepOptions): Promise<QueueUpkeep> {
  const { workerId, log } = options;
  if (sql.kind === "pglite") {
    const released = await releaseRunningJobs(sql);
    if (released > 0) log.info({ jobs: released }, "took back the jobs a stopped process left running");
  }
  const secondLook = await takeBackOwnJobs(sql, options);
  liveHere.add(workerId);
  await beatWorker(sql, workerId, options.replica);
  const beat = setInterval(() => {
    beatWorker(sql, workerId, options.replica).catch((error: unknown) => log.error({ err: error }, "could not record the worker's heartbeat"));
  }, workerBeatMs);
  beat.unref();
  const prune = () =>
    pruneJobs(sql, options.clock.now())
      .then((pruned) => {
        if (pruned.jobs + pruned.locks + pruned.workers > 0) log.info({ ...pruned }, "pruned finished jobs past their retention");
      })
      .catch((error: unknown) => log.error({ err: error }, "could not prune finished jobs"));
  const pruning = prune();
  const pruneTimer = setInterval(() => void prune(), options.pruneEveryMs ?? 3_600_000);
  pruneTimer.unref();
  let listener: { close(): Promise<void> } | undefined;
  return {
    async listen(wake) {
      listener = await sql.listen?.(jobsChannel, wake, (error) => log.error({ err: error }, "lost the job queue's notifications; connecting again"));
    },
    async stop() {
      clearInterval(beat);
      liveHere.delete(workerId);
      await secondLook.stop();
      clearInterval(pruneTimer);
      await pruning;
      await listener?.close();
      await forgetWorker(sql, workerId).catch((error: unknown) => log.error({ err: error }, "could not remove the worker's heartbeat"));
    },
  };
}

/**
 * On PostgreSQL, the jobs this replica's previous processes left running (take-back-own-dead-jobs.ts):
 * at once when their pid tells they are gone, after a second look when it cannot tell.
 */
async function takeBackOwnJobs(sql: Sql, options: QueueUpkeepOptions): Promise<{ stop(): Promise<void> }> {
  const { replica, log, clock } = options;
  if (sql.kind === "pglite" || !replica) return { stop: async () => {} };
  const self = { workerId: options.workerId, replica, liveHere };
  const tookBack = (jobs: number) => {
    if (jobs > 0) log.info({ jobs, replica: replica.id }, "took back the jobs this replica's previous process left running");
  };
  const { taken, unsure } = await takeBackOwnDeadJobs(sql, self, clock.now());
  tookBack(taken);
  if (unsure.length === 0) return { stop: async () => {} };
  let looking: Promise<void> = Promise.resolve();
  const timer = setTimeout(() => {
    looking = takeBackIfStillSilent(sql, self, unsure, clock.now())
      .then(tookBack)
      .catch((error: unknown) => log.error({ err: error }, "could not take back the jobs this replica's previous process left running"));
  }, options.confirmSilenceMs ?? workerBeatMs * 1.5);
  timer.unref();
  return {
    async stop() {
      clearTimeout(timer);
      await looking;
    },
  };
}
