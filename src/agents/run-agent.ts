import type { Agent } from "../definitions/definition-set.ts";
import type { PassDefinition } from "../definitions/workflow.schema.ts";
import type { ChatTurn, ModelProvider, ModelRef, ModelResponse, ProviderName } from "../providers/types.ts";
import { submissionSchema, submitTool, submitToolName, type Submission } from "./submission.schema.ts";

export interface ModelCallRecord {
  ref: ModelRef;
  response: ModelResponse;
}

export interface RunAgentRequest {
  agent: Agent;
  pass: PassDefinition;
  prompt: { system: string; user: string };
  /** Models to try in order: the next is used when one fails (provider error, rate limit, timeout). */
  candidates: ModelRef[];
  providers: ReadonlyMap<ProviderName, ModelProvider>;
  /** Called after every answered model call, before anything else happens (the ledger). */
  onCall: (call: ModelCallRecord) => Promise<void>;
  /** Turns allowed to fix an invalid submission before the pass fails. */
  maxTurns?: number;
}

export type AgentResult =
  | { ok: true; submission: Submission; ref: ModelRef; switches: string[] }
  | { ok: false; error: string; switches: string[] };

/**
 * Runs one agent to a validated submission. The agent must call `submit_artifacts` with exactly
 * the pass's declared outputs; an invalid submission is sent back with the validation errors,
 * a bounded number of times.
 */
export async function runAgent(request: RunAgentRequest): Promise<AgentResult> {
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

async function runWithModel(request: RunAgentRequest, provider: ModelProvider, ref: ModelRef): Promise<Omit<AgentResult & { ok: true }, "switches"> | { ok: false; error: string }> {
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
        tools: [submitTool(request.pass.outputs)],
        toolChoice: { name: submitToolName },
        maxOutputTokens: request.agent.max_output_tokens,
        cachePrefix: true,
      });
    } catch (error) {
      // Only the first turn may switch models; later turns would lose the conversation.
      if (turn === 0) throw new ProviderCallError(describeError(error), { cause: error });
      return { ok: false, error: `${ref.provider}/${ref.model} failed mid-run: ${describeError(error)}` };
    }
    await request.onCall({ ref, response });
    const call = response.toolCalls.find((candidate) => candidate.name === submitToolName);
    if (!call) {
      lastError = response.stopReason === "max_tokens" ? "the answer was cut off at the output token limit" : "the agent answered without calling submit_artifacts";
      turns.push({ role: "assistant", text: response.text, toolCalls: response.toolCalls }, { role: "user", text: `${lastError}. Call submit_artifacts now.` });
      continue;
    }
    const problems = checkSubmission(call.input, request.pass.outputs);
    if (problems.ok) return { ok: true, submission: problems.submission, ref };
    lastError = `invalid submission: ${problems.error}`;
    turns.push(
      { role: "assistant", text: response.text, toolCalls: response.toolCalls },
      { role: "tool", results: [{ callId: call.id, content: `Rejected: ${problems.error}. Submit again with every declared output.`, isError: true }] },
    );
  }
  return { ok: false, error: lastError };
}

function checkSubmission(input: unknown, outputs: readonly string[]): { ok: true; submission: Submission } | { ok: false; error: string } {
  const parsed = submissionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ") };
  const names = parsed.data.artifacts.map((artifact) => artifact.name);
  const unexpected = names.filter((name) => !outputs.includes(name));
  const missing = outputs.filter((name) => !names.includes(name));
  const duplicated = names.filter((name, index) => names.indexOf(name) !== index);
  const errors = [
    unexpected.length ? `not a declared output: ${unexpected.join(", ")}` : "",
    missing.length ? `missing output: ${missing.join(", ")}` : "",
    duplicated.length ? `submitted twice: ${duplicated.join(", ")}` : "",
  ].filter(Boolean);
  return errors.length ? { ok: false, error: errors.join("; ") } : { ok: true, submission: parsed.data };
}

function describeError(error: unknown): string {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") {
    return `HTTP ${error.status}${error instanceof Error ? ` ${error.message.slice(0, 200)}` : ""}`;
  }
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}
