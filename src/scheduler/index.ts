export { startWorker, type Clock, type JobHandler, type JobQueue, type QueuedJob, type Worker, type WorkerLog, type WorkerOptions } from "./worker.ts";
export { NonRetryableError, RetryAfterError, retryDelayMs } from "./job-errors.ts";
