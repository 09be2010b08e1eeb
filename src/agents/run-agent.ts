import type { Agent } from "../definitions/definition-set.ts";
import { formatUsd, type Nano } from "../domain/money.ts";
import type { ChatTurn, ModelProvider, ModelRef, ModelRequest, ModelResponse, ProviderName, ToolCall, ToolSpec } from "../providers/types.ts";
import { ModelCallError } from "../providers/model-call-error.ts";
import { completeMidRun } from "./retry-mid-run.ts";
import { redactSecrets } from "./secret-scanner.ts";
import type { SubmitContract } from "./submission.schema.ts";
import type { ToolOutcome } from "./workspace.ts";

export interface ModelCallRecord {
  ref: ModelRef;
  response: ModelResponse;
}

/** The tools of a tool loop (read, list, search, write, edit) besides the submit tool. */
export interface AgentTools {
  specs: ToolSpec[];
  run(call: ToolCall): Promise<ToolOutcome>;
}

/** How far one agent run may go before it stops with an error on the pass. */
export interface RunLimits {
  maxTurns: number;
  /** Input (including cached) plus output tokens over all turns. */
  maxTotalTokens: number;
  maxUsd: Nano;
}

export const defaultRunLimits = { withTools: { maxTurns: 25, maxTotalTokens: 1_500_000, maxUsd: 5_000_000_000n }, withoutTools: { maxTurns: 2, maxTotalTokens: 400_000, maxUsd: 2_000_000_000n } } as const;

export interface RunAgentRequest<T> {
  agent: Agent;
  /** The forced tool the run ends with, and how its input is validated. */
  submit: SubmitContract<T>;
  prompt: { system: string; user: string };
  /** Models to try in order: the next is used when one fails (provider error, rate limit, timeout). */
  candidates: ModelRef[];
  providers: ReadonlyMap<ProviderName, ModelProvider>;
  /**
   * Called after every answered model call, before anything else happens (the ledger); returns
   * what the call cost as it was recorded, which holds the run to `limits.maxUsd`.
   */
  onCall: (call: ModelCallRecord) => Promise<Nano>;
  tools?: AgentTools | undefined;
  limits?: Partial<RunLimits>;
  /**
   * Asked before every model call with the most that call can use; a refusal (a budget has no
   * room for it) ends the run before the call is made.
   */
  beforeCall?: (next: NextCall) => Promise<CallPermit>;
  /** Aborted when the job must stop now (Pitwall is stopping): the call in flight gives up and the run throws. */
  signal?: AbortSignal | undefined;
  /** Pauses between short retries of a call after the first turn (retry-mid-run.ts); tests shorten them. */
  midRunRetryDelaysMs?: readonly number[] | undefined;
}

/** The next model call at its largest: the whole prompt it sends and its whole output allowance. */
export interface NextCall {
  ref: ModelRef;
  promptTokensAtMost: number;
  outputTokensAtMost: number;
}

export type CallPermit = { ok: true } | { ok: false; reason: string };

/** A secret found and redacted before the text went to a model: where, what kind (never the value). */
export interface Redaction {
  where: string;
  line: number;
  kind: string;
}

export type AgentResult<T> =
  | { ok: true; submission: T; ref: ModelRef; switches: string[]; turns: number; redactions: Redaction[] }
  | { ok: false; error: string; switches: string[]; redactions: Redaction[]; retryAfterMs?: number | undefined; outage?: Outage | undefined; budgetStop?: string | undefined };

/**
 * Runs one agent to a validated submission. Without tools the agent must call the contract's
 * tool at once; with tools it works in a loop (bounded in turns, tokens and dollars) and ends
 * by calling it. An invalid submission is sent back with the validation errors.
 */
export async function runAgent<T>(request: RunAgentRequest<T>): Promise<AgentResult<T>> {
  const switches: string[] = [];
  // Secrets never reach a model: the prompt and every tool result are redacted on the way out.
  const redactions: Redaction[] = [];
  const redact = (where: string, text: string): string => {
    const result = redactSecrets(text);
    redactions.push(...result.findings.map((finding) => ({ where, line: finding.line, kind: finding.kind })));
    return result.text;
  };
  const safe: RunAgentRequest<T> = {
    ...request,
    prompt: { system: redact("the system prompt", request.prompt.system), user: redact("the prompt", request.prompt.user) },
    tools: request.tools && {
      specs: request.tools.specs,
      run: async (call) => {
        const outcome = await request.tools!.run(call);
        return { ...outcome, content: redact(`${call.name} ${describeCall(call)}`.trim(), outcome.content) };
      },
    },
  };
  // Every model of the tier failed in a way that may pass (rate limit, overload, timeout): the
  // caller may try the whole run again later instead of failing the pass.
  let retryAfterMs: number | undefined = 0;
  const outages: Outage[] = [];
  for (const ref of request.candidates) {
    const provider = request.providers.get(ref.provider);
    if (!provider) continue;
    try {
      return { ...(await runWithModel(safe, provider, ref)), switches, redactions };
    } catch (error) {
      if (!(error instanceof ProviderCallError)) throw error;
      switches.push(`${ref.provider}/${ref.model}: ${error.message}`);
      const cause = error.cause;
      retryAfterMs = retryAfterMs !== undefined && cause instanceof ModelCallError && cause.retryable ? Math.max(retryAfterMs, cause.retryAfterMs ?? 0) : undefined;
      if (cause instanceof ModelCallError && cause.retryable) outages.push(describeOutage(cause));
    }
  }
  return {
    ok: false,
    error: `no model answered (${switches.join("; ") || "no configured provider serves this tier"})`,
    switches,
    redactions,
    retryAfterMs: switches.length > 0 ? retryAfterMs : undefined,
    outage: switches.length > 0 && retryAfterMs !== undefined ? { vendors: [...new Set(outages.flatMap((one) => one.vendors))], reasons: [...new Set(outages.flatMap((one) => one.reasons))] } : undefined,
  };
}

/** Which vendors failed in a way that passes, and how (`overloaded`, `rate limited`): what the card says while a pass waits. */
export interface Outage {
  vendors: string[];
  reasons: string[];
}

function describeOutage(error: ModelCallError): Outage {
  const reasons: Partial<Record<ModelCallError["kind"], string>> = { rate_limit: "rate limited", overloaded: "overloaded", server: "server errors", timeout: "no answer in time", connection: "cannot be reached", invalid_response: "invalid answers" };
  return { vendors: [error.provider], reasons: [reasons[error.kind] ?? error.kind] };
}

function describeCall(call: ToolCall): string {
  const input = call.input as { path?: unknown; query?: unknown } | null;
  return typeof input?.path === "string" ? input.path : typeof input?.query === "string" ? `"${input.query}"` : "";
}

class ProviderCallError extends Error {}

// Byte-level tokenizers never make more tokens of a text than it has UTF-8 bytes; the margin
// covers what a vendor adds around the messages and tools (roles, tool-use instructions).
const framingTokens = 1_000;

function bytesOf(value: unknown): number {
  return Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value), "utf8");
}

async function runWithModel<T>(request: RunAgentRequest<T>, provider: ModelProvider, ref: ModelRef): Promise<{ ok: true; submission: T; ref: ModelRef; turns: number } | { ok: false; error: string; budgetStop?: string; retryAfterMs?: number; outage?: Outage }> {
  const toolName = request.submit.tool.name;
  const limits: RunLimits = { ...(request.tools ? defaultRunLimits.withTools : defaultRunLimits.withoutTools), ...request.limits };
  const turns: ChatTurn[] = [{ role: "user", text: request.prompt.user }];
  let tokens = 0;
  let usd = 0n;
  let lastError = "the agent did not submit";
  const tools = [...(request.tools?.specs ?? []), request.submit.tool];
  // The prompt of the next call at most: all of it the first time; then the last call's prompt
  // and answer (as the vendor counted them) and what was added since.
  let promptTokensAtMost = bytesOf(request.prompt.system) + bytesOf(tools) + bytesOf(turns) + framingTokens;
  for (let turn = 0; turn < limits.maxTurns; turn += 1) {
    const permit = await request.beforeCall?.({ ref, promptTokensAtMost, outputTokensAtMost: request.agent.max_output_tokens });
    if (permit && !permit.ok) return { ok: false, error: `stopped before model call ${turn + 1}: ${permit.reason}`, budgetStop: permit.reason };
    let response: ModelResponse;
    try {
      // Without tools the submission is forced; in a tool loop the model chooses each step.
      const toolChoice = request.tools ? undefined : { name: toolName };
      const call: ModelRequest = { model: ref.model, system: request.prompt.system, turns, tools, toolChoice, maxOutputTokens: request.agent.max_output_tokens, cachePrefix: true };
      // A failure on the first turn loses nothing: runAgent moves to the next model or waits.
      response = turn === 0 ? await provider.complete(call, request.signal) : await completeMidRun(provider, call, request.signal, request.midRunRetryDelaysMs);
    } catch (error) {
      // Stopped on purpose: the job goes back to the queue; neither another model nor a failed pass.
      if (request.signal?.aborted) throw error;
      // Only the first turn may switch models; later turns would lose the conversation.
      if (turn === 0) throw new ProviderCallError(describeError(error), { cause: error });
      const failure = `${ref.provider}/${ref.model} failed mid-run: ${describeError(error)}`;
      // A vendor's passing fault mid-run: the run starts again later rather than failing the pass.
      if (error instanceof ModelCallError && error.retryable) return { ok: false, error: failure, retryAfterMs: error.retryAfterMs ?? 0, outage: describeOutage(error) };
      return { ok: false, error: failure };
    }
    usd += await request.onCall({ ref, response });
    tokens += response.usage.inputTokens + response.usage.cacheWriteTokens + response.usage.cacheReadTokens + response.usage.outputTokens;
    const answered = turns.length;

    const call = response.toolCalls.find((candidate) => candidate.name === toolName);
    if (call) {
      const checked = request.submit.check(call.input);
      if (checked.ok) return { ok: true, submission: checked.value, ref, turns: turn + 1 };
      lastError = `invalid submission: ${checked.error}`;
      turns.push(
        { role: "assistant", text: response.text, toolCalls: response.toolCalls },
        { role: "tool", results: response.toolCalls.map((other) => ({ callId: other.id, content: other === call ? `Rejected: ${checked.error}. Fix these problems and call ${toolName} again.` : "Not run: submit again once the submission is valid.", isError: true })) },
      );
    } else if (response.toolCalls.length > 0 && request.tools) {
      const results = [];
      for (const other of response.toolCalls) {
        const outcome = await request.tools.run(other);
        results.push({ callId: other.id, content: outcome.content, isError: !outcome.ok });
      }
      turns.push({ role: "assistant", text: response.text, toolCalls: response.toolCalls }, { role: "tool", results });
    } else {
      lastError = response.stopReason === "max_tokens" ? "the answer was cut off at the output token limit" : `the agent answered without calling ${toolName}`;
      turns.push({ role: "assistant", text: response.text, toolCalls: response.toolCalls }, { role: "user", text: `${lastError}. ${request.tools ? "Use your tools, then call" : "Call"} ${toolName}.` });
    }
    // The answer is in the next prompt as the turn after `answered`; what follows it is new text.
    const { inputTokens, cacheWriteTokens, cacheReadTokens, outputTokens } = response.usage;
    promptTokensAtMost = inputTokens + cacheWriteTokens + cacheReadTokens + outputTokens + bytesOf(turns.slice(answered + 1)) + framingTokens;
    if (tokens > limits.maxTotalTokens) return { ok: false, error: `stopped after ${turn + 1} turns: ${tokens.toLocaleString("en-US")} tokens used, the limit is ${limits.maxTotalTokens.toLocaleString("en-US")}` };
    if (usd > limits.maxUsd) return { ok: false, error: `stopped after ${turn + 1} turns: ${formatUsd(usd)} spent, the limit for one run is ${formatUsd(limits.maxUsd)}` };
  }
  return { ok: false, error: `${lastError} within ${limits.maxTurns} turns` };
}

function describeError(error: unknown): string {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") {
    return `HTTP ${error.status}${error instanceof Error ? ` ${error.message.slice(0, 200)}` : ""}`;
  }
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}
