import { jobCatalogue, type JobKind, type JobPayload, type NoContext, type PriorityContext } from "./job-catalogue.ts";
import { parseJobPayload } from "./parse-job-payload.ts";

/** A job as the queue stores it (src/store/jobs.ts); producers make theirs with `newJob`. */
export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  /** Enqueueing twice with the same key keeps the first job. */
  dedupeKey?: string | undefined;
  /** Jobs with the same lock key never run at the same time (one work item at a time). */
  lockKey?: string | undefined;
  priority?: number | undefined;
  /**
   * Jobs with the same fairness key (one person's commands on one work item) take turns with
   * everyone else's: each waits behind other keys' jobs of its priority queued before its turn.
   */
  fairKey?: string | undefined;
  runAt: Date;
  maxAttempts?: number | undefined;
}

/** How a job is queued: everything but its kind, payload and priority (those come from the catalogue). */
export interface JobOptions {
  /** Enqueueing twice with the same key keeps the first job. */
  dedupeKey?: string | undefined;
  /** Jobs with the same lock key never run at the same time (one work item at a time). */
  lockKey?: string | undefined;
  /** One person's jobs take turns with everyone else's (`NewJob.fairKey`). */
  fairKey?: string | undefined;
  /** Due now unless this says later. */
  runAt?: Date | undefined;
  maxAttempts?: number | undefined;
}

/** Only `newJob` makes a `JobRequest` (a type-only mark): a hand-made job cannot skip the checks. */
declare const madeByNewJob: unique symbol;

/** A job ready for the queue: its payload fits its kind, its priority is the policy's. */
export type JobRequest = { [K in JobKind]: { kind: K; payload: JobPayload<K>; priority: number; readonly [madeByNewJob]: true } & JobOptions }[JobKind];

/** The priority context, asked for only by kinds whose rule needs one. */
type ContextArgument<K extends JobKind> = NoContext extends PriorityContext<K> ? [] : [context: PriorityContext<K>];

/**
 * The one way to make a job: a payload of the wrong shape is a type error here, and (from data
 * typed loosely) a `JobPayloadError` naming the kind; the priority comes from the kind's rule.
 */
export function newJob<K extends JobKind>(kind: K, payload: JobPayload<K>, options: JobOptions = {}, ...[context]: ContextArgument<K>): JobRequest {
  parseJobPayload(kind, payload);
  // The catalogue's entries differ in their payload and context types; the kind picks both.
  const rule = jobCatalogue[kind].priority as (payload: JobPayload<K>, context: PriorityContext<K> | NoContext) => number;
  return { ...options, kind, payload, priority: rule(payload, context ?? {}) } as JobRequest;
}
