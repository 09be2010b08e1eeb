import { WaitError } from "../scheduler/job-errors.ts";
import { hasStatus } from "./octokit.ts";

/** GitHub's advice when a secondary rate limit names no time: wait at least a minute. */
const secondaryDefaultMs = 60_000;

/**
 * GitHub's primary and secondary rate limits (403 or 429) as a WaitError that honours them: the
 * job runs again no sooner than `retry-after` says, or than `x-ratelimit-reset` (measured against
 * GitHub's own `date` header, so neither clock's skew matters), without spending an attempt.
 * Anything else comes back as it was.
 */
export function toRateLimitWait(error: unknown, now: Date): unknown {
  if (!hasStatus(error, 403) && !hasStatus(error, 429)) return error;
  const headers = headersOf(error);
  const message = error instanceof Error ? error.message : "";
  const retryAfter = Number(headers["retry-after"] ?? Number.NaN);
  const secondary = /secondary rate limit/i.test(message);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return new WaitError("GitHub", secondary ? "secondary rate limit" : "rate limit", retryAfter * 1000, { cause: error });
  if (secondary) return new WaitError("GitHub", "secondary rate limit", secondaryDefaultMs, { cause: error });
  const reset = Number(headers["x-ratelimit-reset"] ?? Number.NaN);
  if (headers["x-ratelimit-remaining"] !== "0" || !Number.isFinite(reset)) return error;
  const date = Date.parse(headers.date ?? "");
  const from = Number.isFinite(date) ? date : now.getTime();
  // A second more: the reset is given in whole seconds.
  return new WaitError("GitHub", "rate limit", Math.max(0, reset * 1000 - from) + 1_000, { cause: error });
}

function headersOf(error: unknown): Record<string, string | undefined> {
  const response = typeof error === "object" && error !== null && "response" in error ? (error.response as { headers?: Record<string, unknown> } | undefined) : undefined;
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response?.headers ?? {})) out[name.toLowerCase()] = typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  return out;
}
