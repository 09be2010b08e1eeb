// Retry behaviour lives in the error type (STYLE.md). Anything else thrown by a job is retried
// with backoff until its attempts run out.

/** The job cannot succeed by trying again (bad input, a refused permission): fail it now. */
export class NonRetryableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "NonRetryableError";
  }
}

/** Try again no sooner than `retryAfterMs` (a 429 with Retry-After, a lease held elsewhere). */
export class RetryAfterError extends Error {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, options?: ErrorOptions) {
    super(message, options);
    this.name = "RetryAfterError";
    this.retryAfterMs = retryAfterMs;
  }
}

/** When to run a failed job again, or null to stop retrying. */
export function retryDelayMs(error: unknown, attempts: number, maxAttempts: number): number | null {
  if (error instanceof NonRetryableError || attempts >= maxAttempts) return null;
  if (error instanceof RetryAfterError) return error.retryAfterMs;
  // 1 s, 4 s, 16 s, 64 s … capped at 5 minutes.
  return Math.min(1000 * 4 ** (attempts - 1), 300_000);
}

/**
 * Something outside is down or limits Pitwall for now (GitHub's rate limits, a model vendor
 * overloaded or not answering, a full disk): the job waits and runs again by itself, without
 * spending an attempt, up to `maxWaits` waits. `waitingFor` and `reason` are what the card says.
 */
export class WaitError extends RetryAfterError {
  readonly waitingFor: string;
  readonly reason: string;
  constructor(waitingFor: string, reason: string, retryAfterMs = 0, options?: ErrorOptions) {
    super(`waiting for ${waitingFor}: ${reason}`, retryAfterMs, options);
    this.name = "WaitError";
    this.waitingFor = waitingFor;
    this.reason = reason;
  }
}

/** How many times one job may wait for the outside before it counts as failing (about 4½ hours of waits). */
export const maxWaits = 60;

/**
 * When a waiting job runs again, or null when it has waited `maxWaits` times (it then fails as
 * any error does): what the outside asked for (Retry-After, a rate limit's reset), and at least
 * 2 s, 4 s, 8 s … capped at 5 minutes, so a long outage is asked about every 5 minutes.
 */
export function waitDelayMs(error: WaitError, waits: number): number | null {
  if (waits >= maxWaits) return null;
  return Math.max(error.retryAfterMs, Math.min(2_000 * 2 ** waits, 300_000));
}
