import type { EventEmitter } from "node:events";
import { retryDelayMs } from "./job-errors.ts";
import { waitForOutside } from "./wait-for-outside.ts";
import type { QueuedJob, WorkerEvents, WorkerOptions } from "./worker.ts";

/** Runs one claimed job with its kind's handler, renewing its lease meanwhile; a failure is retried later or given up, as its error says. */
export async function runJob(options: WorkerOptions, events: EventEmitter<WorkerEvents>, job: QueuedJob): Promise<void> {
  try {
    await runAndSettle(options, events, job);
  } catch (error) {
    // The queue could not record how the job ended (a full disk, the database gone): its lease
    // runs out and it is taken again; never an unhandled rejection that ends the process.
    options.log.error({ err: error, jobId: job.id, kind: job.kind }, `could not record how job ${job.kind} ended; it runs again when its lease ends`);
  }
}

async function runAndSettle(options: WorkerOptions, events: EventEmitter<WorkerEvents>, job: QueuedJob): Promise<void> {
  const handler = options.handlers[job.kind];
  const { queue } = options;
  const heartbeat =
    queue.renew && options.renewEveryMs
      ? setInterval(() => {
          queue
            .renew?.(job, options.workerId, options.clock.now())
            .then((held) => {
              // Claimed again elsewhere: renewing can never succeed again; the new holder runs it.
              if (held !== false) return;
              clearInterval(heartbeat);
              options.log.error({ jobId: job.id, attempts: job.attempts }, "lost a job's lease: it was claimed again");
            })
            .catch((error: unknown) => options.log.error({ err: error, jobId: job.id }, "could not renew a job's lease"));
        }, options.renewEveryMs)
      : undefined;
  heartbeat?.unref();
  try {
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    await handler(job);
    if ((await queue.complete(job, options.workerId, options.clock.now())) === false) options.log.info({ jobId: job.id, attempts: job.attempts }, "finished a job claimed again meanwhile: its new holder records it");
    events.emit("job:done", job);
  } catch (error) {
    // Stopping: the job was cut short on purpose and goes back to the queue as it was.
    if (job.signal?.aborted && options.queue.handBack) {
      await options.queue.handBack(options.workerId, [{ id: job.id, attempts: job.attempts }]);
      options.log.info({ jobId: job.id, kind: job.kind }, `job ${job.kind} handed back: Pitwall is stopping`);
      return;
    }
    if (handler && (await waitForOutside(options, job, error))) return;
    const delay = handler ? retryDelayMs(error, job.attempts, job.maxAttempts) : null;
    const now = options.clock.now();
    const message = error instanceof Error ? error.message : String(error);
    const held = await queue.fail(job, options.workerId, { error: message, retryAt: delay === null ? null : new Date(now.getTime() + delay) }, now);
    options.log.error({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts, retryInMs: delay }, `job ${job.kind} failed`);
    events.emit("job:failed", job, error, delay !== null);
    // A job claimed again meanwhile is not given up: its new holder runs it.
    if (delay === null && held !== false) await options.onGaveUp?.(job, error).catch((reportError: unknown) => options.log.error({ err: reportError, jobId: job.id }, "could not report a failed job"));
  } finally {
    clearInterval(heartbeat);
  }
}
