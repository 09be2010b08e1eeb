export type { Clock } from "../domain/clock.ts";
export { startWorker, type JobClaimRef, type JobHandler, type JobQueue, type QueuedJob, type Worker, type WorkerLog, type WorkerOptions } from "./worker.ts";
export { NonRetryableError, RetryAfterError, retryDelayMs } from "./job-errors.ts";
export { jobCatalogue, jobKinds, type JobKind, type JobPayload, type PriorityContext } from "./job-catalogue.ts";
export { answerPriority, defaultWorkflowPriority, pullRequestCheckPriority, upkeepPriority, workflowPriority, type WorkflowPriorityContext } from "./job-priority.ts";
export { newJob, type JobOptions, type JobRequest } from "./new-job.ts";
export { jobHandlers, type CatalogueHandlers } from "./job-handlers.ts";
export { JobPayloadError, isJobKind, parseJobPayload } from "./parse-job-payload.ts";
