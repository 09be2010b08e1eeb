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
