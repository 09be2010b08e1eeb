import { jobCatalogue, type JobKind, type JobPayload } from "./job-catalogue.ts";
import { NonRetryableError } from "./job-errors.ts";

/** A payload that does not fit its kind's schema: no attempt can mend it, so the job fails at once. */
export class JobPayloadError extends NonRetryableError {
  readonly kind: string;
  constructor(kind: string, problem: string) {
    super(`a ${kind} job's payload does not fit its schema: ${problem}`);
    this.name = "JobPayloadError";
    this.kind = kind;
  }
}

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(jobCatalogue, kind);
}

/** The payload as its kind's schema reads it, or a `JobPayloadError` naming the kind and the fields. */
export function parseJobPayload<K extends JobKind>(kind: K, payload: unknown): JobPayload<K> {
  if (!isJobKind(kind)) throw new JobPayloadError(kind, "no such kind of job");
  const parsed = jobCatalogue[kind].payload.safeParse(payload);
  if (!parsed.success) throw new JobPayloadError(kind, parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(payload)"}: ${issue.message}`).join("; "));
  // The kind picked the schema, so its output is this kind's payload.
  return parsed.data as JobPayload<K>;
}
