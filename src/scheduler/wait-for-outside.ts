import { WaitError, waitDelayMs } from "./job-errors.ts";
import type { QueuedJob, WorkerOptions } from "./worker.ts";

/**
 * A job that failed because something outside is down or limits Pitwall (`WaitError`) is queued
 * again for later without spending an attempt, and `onWait` says so (the card's paused state).
 * False when this is not such a wait, the queue cannot defer, or the job has waited too often:
 * the failure then takes its ordinary course (retried with backoff, or given up).
 */
export async function waitForOutside(options: WorkerOptions, job: QueuedJob, error: unknown): Promise<boolean> {
  const { queue } = options;
  if (!(error instanceof WaitError) || !queue.waits || !queue.defer) return false;
  const delay = waitDelayMs(error, await queue.waits(job.id));
  if (delay === null) return false;
  const nextTryAt = new Date(options.clock.now().getTime() + delay);
  // Claimed again meanwhile (its lease ran out): the new holder runs it; nothing to say.
  if ((await queue.defer(job, options.workerId, error.message, nextTryAt)) === false) return true;
  options.log.info({ jobId: job.id, kind: job.kind, waitingFor: error.waitingFor, reason: error.reason, nextTryAt }, `job ${job.kind} waits for ${error.waitingFor}`);
  await options.onWait?.(job, error, nextTryAt).catch((reportError: unknown) => options.log.error({ err: reportError, jobId: job.id }, "could not report a waiting job"));
  return true;
}
