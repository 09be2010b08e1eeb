import { EventEmitter } from "node:events";
import { runJob } from "./run-job.ts";
import { startPolling } from "./start-polling.ts";
import type { Clock } from "../domain/clock.ts";
import type { WaitError } from "./job-errors.ts";
import { stopRunningJobs, type RunningJobs } from "./stop-running-jobs.ts";

// The worker takes jobs from the durable queue and runs them, up to `concurrency` at once. The
// webhook handler only enqueues and calls `wake()`, so no pass ever runs inside a webhook
// request (GitHub gives a delivery 10 seconds and never retries it).

export interface QueuedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  /** Aborted when the worker stops and cannot wait for the job any longer: model calls give up. */
  signal?: AbortSignal | undefined;
}

/** One claim of a job: its attempt count fences it (a job claimed again has a higher count). */
export type JobClaimRef = Pick<QueuedJob, "id" | "attempts">;

/** Why a job failed, and when to try it again (null: never). */
export interface JobFailure {
  error: string;
  retryAt: Date | null;
}

/**
 * The durable queue. A claim is fenced by the job's attempt count: complete, fail and renew act
 * only while the job is still held by this worker under this claim, and say false otherwise (its
 * lease ran out and it was claimed again), so a late worker never overwrites the new holder.
 */
export interface JobQueue {
  claim(workerId: string, now: Date): Promise<QueuedJob | undefined>;
  complete(job: QueuedJob, workerId: string, now: Date): Promise<boolean | void>;
  fail(job: QueuedJob, workerId: string, failure: JobFailure, now: Date): Promise<boolean | void>;
  /** Extends the lease of a job this worker runs (called every `renewEveryMs` while it runs). */
  renew?(job: QueuedJob, workerId: string, now: Date): Promise<boolean | void>;
  /** How often the job waited for the outside (`WaitError`) so far. */
  waits?(id: number): Promise<number>;
  /** Queues it again for `runAt` without spending an attempt (it waits for the outside); only under this claim. */
  defer?(job: QueuedJob, workerId: string, error: string, runAt: Date): Promise<boolean | void>;
  /** Puts this worker's running jobs (or only those under `claims`) back in the queue, due now, their attempt refunded. */
  handBack?(workerId: string, claims?: readonly JobClaimRef[]): Promise<void>;
}

export type JobHandler = (job: QueuedJob) => Promise<void>;

export interface WorkerLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface WorkerOptions {
  queue: JobQueue;
  handlers: Record<string, JobHandler>;
  clock: Clock;
  log: WorkerLog;
  workerId: string;
  concurrency: number;
  /** How often to look for due jobs when nothing woke the worker (delayed retries, other replicas). */
  pollMs: number;
  /** How often a running job's lease is renewed; well under the lease, so a live job is never taken back. */
  renewEveryMs?: number;
  /**
   * Runs when a job fails for good (out of attempts, or not retryable), before the job counts as
   * finished: what it reports (the card, a comment) is done by the time the worker is idle.
   */
  onGaveUp?: (job: QueuedJob, error: unknown) => Promise<void>;
  /** Runs when a job waits for the outside (GitHub's rate limit, a vendor's outage, a full disk) until `nextTryAt`. */
  onWait?: (job: QueuedJob, error: WaitError, nextTryAt: Date) => Promise<void>;
}

export interface WorkerEvents {
  "job:done": [job: QueuedJob];
  "job:failed": [job: QueuedJob, error: unknown, willRetry: boolean];
  idle: [];
}

export interface Worker {
  wake(): void;
  /** Resolves once no job is running and the queue had nothing due at the last look. */
  whenIdle(): Promise<void>;
  readonly events: EventEmitter<WorkerEvents>;
  /**
   * Stops claiming and waits for running jobs; with `graceMs`, jobs still running then are
   * aborted and handed back to the queue (another replica or the next start takes them at once).
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

export function startWorker(options: WorkerOptions): Worker {
  const events = new EventEmitter<WorkerEvents>();
  const running: RunningJobs = new Map();
  let stopped = false;
  let looking = false;
  // The look in progress, so a stop can wait for a claim already in flight (see stop()).
  let currentLook: Promise<void> = Promise.resolve();
  let lookAgain = false;
  let idle = false;

  // One look at a time; a wake during a look asks for another look afterwards.
  const look = async () => {
    if (stopped) return;
    if (looking) {
      lookAgain = true;
      return;
    }
    looking = true;
    let lookEnded: () => void = () => {};
    currentLook = new Promise((resolve) => (lookEnded = resolve));
    try {
      do {
        lookAgain = false;
        while (!stopped && running.size < options.concurrency) {
          const job = await options.queue.claim(options.workerId, options.clock.now());
          if (!job) break;
          if (stopped) return void (await handBackUnstarted(options, job));
          idle = false;
          beginJob(options, events, running, job, look);
        }
      } while (lookAgain && !stopped);
    } catch (error) {
      options.log.error({ err: error }, "could not read the job queue");
    } finally {
      looking = false;
      lookEnded();
    }
    // Every look that ends with nothing running says so, not only the first: a `whenIdle()` made
    // while a poll was looking (idle already, but `looking`) waits for exactly this event.
    if (running.size === 0 && !stopped) {
      idle = true;
      events.emit("idle");
    }
  };

  const polling = startPolling(options.pollMs, look, () => stopped);
  void look();

  return {
    events,
    wake() {
      idle = false;
      void look();
    },
    whenIdle() {
      if (idle && running.size === 0 && !looking) return Promise.resolve();
      return new Promise((resolve) => events.once("idle", () => resolve()));
    },
    async stop(stopOptions = {}) {
      stopped = true;
      polling.stop();
      await currentLook;
      await stopRunningJobs(running, options, stopOptions.graceMs);
    },
  };
}

/** Runs a claimed job, abortable by a stop, and looks for more when it ends. */
function beginJob(options: WorkerOptions, events: EventEmitter<WorkerEvents>, running: RunningJobs, job: QueuedJob, look: () => Promise<void>): void {
  const controller = new AbortController();
  const promise = runJob(options, events, { ...job, signal: controller.signal }).finally(() => {
    running.delete(promise);
    void look();
  });
  running.set(promise, { id: job.id, attempts: job.attempts, controller });
}

/**
 * Gives back a job whose claim was in flight when stop() began, unstarted: started, it would be
 * missed by the stop's list of running jobs and sit 'running' under a forgotten worker for its lease.
 */
async function handBackUnstarted(options: WorkerOptions, job: QueuedJob): Promise<void> {
  await options.queue.handBack?.(options.workerId, [{ id: job.id, attempts: job.attempts }]).catch((error: unknown) => options.log.error({ err: error, jobId: job.id }, "could not hand back a job claimed while stopping; it runs again when its lease ends"));
}
