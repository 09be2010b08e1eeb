import { ModelCallError } from "./model-call-error.ts";
import type { ModelProvider } from "./types.ts";

/** A model call's time limit by default: well under a job's 10-minute lease. */
export const defaultCallTimeLimitMs = 2 * 60_000;

/**
 * Every call of `provider` gives up after `limitMs` (the SDK's retries included) with a
 * `timeout` error, which is transient: the pass waits and tries again instead of hanging, and a
 * stop (`signal`) still aborts the call at once.
 */
export function limitCallTime(provider: ModelProvider, limitMs: number): ModelProvider {
  return {
    name: provider.name,
    async complete(request, signal) {
      const timeout = AbortSignal.timeout(limitMs);
      try {
        return await provider.complete(request, signal ? AbortSignal.any([signal, timeout]) : timeout);
      } catch (error) {
        if (!timeout.aborted || signal?.aborted) throw error;
        throw new ModelCallError({ provider: provider.name, model: request.model, kind: "timeout", message: `no answer within ${limitMs / 1000} s (the time limit of a model call)` });
      }
    },
  };
}
