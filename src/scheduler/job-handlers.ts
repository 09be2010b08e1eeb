import type { JobKind, JobPayload } from "./job-catalogue.ts";
import { parseJobPayload } from "./parse-job-payload.ts";
import type { JobHandler, QueuedJob } from "./worker.ts";

/** One handler per kind of the catalogue, each given its payload already parsed. */
export type CatalogueHandlers = { [K in JobKind]: (payload: JobPayload<K>, job: QueuedJob) => Promise<void> };

/**
 * The worker's handlers: each parses a stored payload with its kind's schema before it runs, so a
 * row that does not fit fails at once (`JobPayloadError` is not retryable) with the kind named.
 */
export function jobHandlers(handlers: CatalogueHandlers): Record<string, JobHandler> {
  const entries = Object.entries(handlers) as [JobKind, (payload: unknown, job: QueuedJob) => Promise<void>][];
  return Object.fromEntries(entries.map(([kind, handle]): [string, JobHandler] => [kind, (job) => handle(parseJobPayload(kind, job.payload), job)]));
}
