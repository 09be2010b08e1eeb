// A passing vendor fault in the middle of a tool loop: the same call is tried again after a
// short pause, so one 529 or 500 does not throw away the conversation. Each attempt is its own
// `provider.complete`, so the ledger (which wraps the provider) has a row for every attempt the
// vendor may bill; the SDKs' own retries are off for that reason (create-providers.ts).
import { setTimeout as sleep } from "node:timers/promises";
import { ModelCallError } from "../providers/model-call-error.ts";
import type { ModelProvider, ModelRequest, ModelResponse } from "../providers/types.ts";

/** Pauses before the 2nd and 3rd attempt: as the vendors' SDKs retry by default (two retries). */
export const midRunRetryDelaysMs: readonly number[] = [500, 2_000];
/** A vendor that asks for a longer pause is waited for by the job instead (WaitError), not here. */
const longestPauseMs = 10_000;

/**
 * The pause before attempt `attempt + 2`, or undefined when the error is not worth a short retry:
 * not a vendor's passing fault, a time-out (the call already took its whole time limit), out of
 * retries, or a Retry-After longer than a short pause.
 */
export function midRunRetryDelay(error: unknown, attempt: number, delaysMs: readonly number[] = midRunRetryDelaysMs): number | undefined {
  if (!(error instanceof ModelCallError) || !error.retryable || error.kind === "timeout") return undefined;
  const base = delaysMs[attempt];
  if (base === undefined) return undefined;
  const pause = Math.max(base, error.retryAfterMs ?? 0);
  return pause > longestPauseMs ? undefined : pause;
}

/** One model call, tried again after short pauses while the vendor's fault may pass. */
export async function completeMidRun(provider: ModelProvider, request: ModelRequest, signal: AbortSignal | undefined, delaysMs?: readonly number[]): Promise<ModelResponse> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await provider.complete(request, signal);
    } catch (error) {
      const pause = signal?.aborted ? undefined : midRunRetryDelay(error, attempt, delaysMs);
      if (pause === undefined) throw error;
      await sleep(pause, undefined, { signal });
    }
  }
}
