import type { Agent } from "../definitions/definition-set.ts";
import type { ChatTurn, ModelProvider, ModelRef, ModelResponse, ProviderName } from "../providers/types.ts";
import type { SubmitContract } from "./submission.schema.ts";

export interface ModelCallRecord {
  ref: ModelRef;
  response: ModelResponse;
}

export interface RunAgentRequest<T> {
  agent: Agent;
  /** The forced tool the run ends with, and how its input is validated. */
  submit: SubmitContract<T>;
  prompt: { system: string; user: string };
  /** Models to try in order: the next is used when one fails (provider error, rate limit, timeout). */
  candidates: ModelRef[];
  providers: ReadonlyMap<ProviderName, ModelProvider>;
  /** Called after every answered model call, before anything else happens (the ledger). */
  onCall: (call: ModelCallRecord) => Promise<void>;
  /** Turns allowed to fix an invalid submission before the pass fails. */
  maxTurns?: number;
}

export type AgentResult<T> =
  | { ok: true; submission: T; ref: ModelRef; switches: string[] }
  | { ok: false; error: string; switches: string[] };

/**
 * Runs one agent to a validated submission. The agent must call the contract's tool; an invalid
 * submission is sent back with the validation errors, a bounded number of times.
 */
export async function runAgent<T>(request: RunAgentRequest<T>): Promise<AgentResult<T>> {
  const switches: string[] = [];
  for (const ref of request.candidates) {
    const provider = request.providers.get(ref.provider);
    if (!provider) continue;
    try {
      return { ...(await runWithModel(request, provider, ref)), switches };
    } catch (error) {
      if (!(error instanceof ProviderCallError)) throw error;
      switches.push(`${ref.provider}/${ref.model}: ${error.message}`);
    }
  }
  return { ok: false, error: `no model answered (${switches.join("; ") || "no configured provider serves this tier"})`, switches };
}

class ProviderCallError extends Error {}

async function runWithModel<T>(request: RunAgentRequest<T>, provider: ModelProvider, ref: ModelRef): Promise<{ ok: true; submission: T; ref: ModelRef } | { ok: false; error: string }> {
  const toolName = request.submit.tool.name;
  const turns: ChatTurn[] = [{ role: "user", text: request.prompt.user }];
  const maxTurns = request.maxTurns ?? 2;
  let lastError = "the agent did not submit";
  for (let turn = 0; turn < maxTurns; turn += 1) {
    let response: ModelResponse;
    try {
      response = await provider.complete({
        model: ref.model,
        system: request.prompt.system,
        turns,
        tools: [request.submit.tool],
        toolChoice: { name: toolName },
        maxOutputTokens: request.agent.max_output_tokens,
        cachePrefix: true,
      });
    } catch (error) {
      // Only the first turn may switch models; later turns would lose the conversation.
      if (turn === 0) throw new ProviderCallError(describeError(error), { cause: error });
      return { ok: false, error: `${ref.provider}/${ref.model} failed mid-run: ${describeError(error)}` };
    }
    await request.onCall({ ref, response });
    const call = response.toolCalls.find((candidate) => candidate.name === toolName);
    if (!call) {
      lastError = response.stopReason === "max_tokens" ? "the answer was cut off at the output token limit" : `the agent answered without calling ${toolName}`;
      turns.push({ role: "assistant", text: response.text, toolCalls: response.toolCalls }, { role: "user", text: `${lastError}. Call ${toolName} now.` });
      continue;
    }
    const checked = request.submit.check(call.input);
    if (checked.ok) return { ok: true, submission: checked.value, ref };
    lastError = `invalid submission: ${checked.error}`;
    turns.push(
      { role: "assistant", text: response.text, toolCalls: response.toolCalls },
      { role: "tool", results: [{ callId: call.id, content: `Rejected: ${checked.error}. Fix these problems and call ${toolName} again.`, isError: true }] },
    );
  }
  return { ok: false, error: lastError };
}

function describeError(error: unknown): string {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") {
    return `HTTP ${error.status}${error instanceof Error ? ` ${error.message.slice(0, 200)}` : ""}`;
  }
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}
