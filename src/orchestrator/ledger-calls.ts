import { randomUUID } from "node:crypto";
import type { ModelCallRecord } from "../agents/run-agent.ts";
import type { Nano } from "../domain/money.ts";
import { ModelCallError } from "../providers/model-call-error.ts";
import { callCapNano } from "../providers/prices.ts";
import type { ModelProvider, ModelRequest, ProviderName } from "../providers/types.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { recordModelCall, type CallContext } from "./model-calls.ts";

/** Bytes of the prompt: never fewer than its tokens (byte-level tokenizers), plus the vendor's framing. */
const framingTokens = 1_000;

/**
 * The ledger learns of every model call before it is sent: a row under a call id generated for
 * this attempt, priced at the call's cap and not yet answered; the answer settles the same row
 * with the vendor's usage. So a call whose answer was lost on the way (a dropped connection, a
 * time-out, a crash) — which the vendor bills — stays on the ledger at its cap, never missing,
 * and a retried call is a new row. A refusal with an HTTP status (rate limit, overload, 5xx,
 * bad request) is not billed, so its row goes.
 */
export function ledgerCalls(deps: OrchestratorDeps, context: CallContext): { providers: ReadonlyMap<ProviderName, ModelProvider>; onCall: (call: ModelCallRecord) => Promise<Nano> } {
  const answered: string[] = [];
  const providers = new Map<ProviderName, ModelProvider>();
  for (const [name, provider] of deps.providers) {
    providers.set(name, {
      name: provider.name,
      complete: async (request, signal) => {
        const callId = randomUUID();
        await notePending(deps, context, { provider: name, model: request.model }, request, callId);
        try {
          const response = await provider.complete(request, signal);
          answered.push(callId);
          return response;
        } catch (error) {
          if (error instanceof ModelCallError && error.status !== undefined) await deps.store.dropLedgerCall(callId);
          throw error;
        }
      },
    });
  }
  return { providers, onCall: (call) => recordModelCall(deps, context, call, { id: answered.shift() }) };
}

async function notePending(deps: OrchestratorDeps, context: CallContext, ref: { provider: ProviderName; model: string }, request: ModelRequest, callId: string): Promise<void> {
  const promptTokens = Buffer.byteLength(JSON.stringify([request.system, request.turns, request.tools]), "utf8") + framingTokens;
  const capUsd = callCapNano(ref, { promptTokens, outputTokens: request.maxOutputTokens }, context.prices);
  const nothingYet = { provider: ref.provider, model: ref.model, text: "", toolCalls: [], stopReason: "other" as const, usage: { inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0 }, latencyMs: 0 };
  await recordModelCall(deps, context, { ref, response: nothingYet }, { id: callId, capUsd });
}
