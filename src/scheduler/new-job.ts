/** A job to put on the durable queue. */
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
