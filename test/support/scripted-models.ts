import type { ModelProvider, ModelRequest, ModelResponse, ProviderName, ToolCall, Usage } from "../../src/providers/types.ts";

// Models without HTTP: a ModelProvider that answers from queued replies, per tool the request
// offers (`submit_artifacts` for a pass's agent, `submit_verdict` for a gate verifier,
// `propose_workflow` for the analyst), and otherwise with a plausible default: the declared
// artifacts, a passing verdict, the feature workflow. Every request is kept for assertions.

/** A reply to one request: the tool input to submit, or a whole response of the test's making. */
export type ScriptedReply = { input: Record<string, unknown> } | ((request: ModelRequest) => Omit<ModelResponse, "provider" | "model" | "latencyMs">);

export const scriptedModelUsage: Usage = { inputTokens: 2_400, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1_100 };

export class ScriptedModels {
  readonly requests: ModelRequest[] = [];
  /** The abort signal each request came with (same order as `requests`). */
  readonly signals: (AbortSignal | undefined)[] = [];
  private readonly queues = new Map<string, ScriptedReply[]>();
  private readonly standing = new Map<string, ScriptedReply>();

  /** Queues replies for requests that offer `tool` (first in, first out); the default answers after. */
  reply(tool: "submit_artifacts" | "submit_verdict" | "propose_workflow", ...replies: ScriptedReply[]): this {
    this.queues.set(tool, [...(this.queues.get(tool) ?? []), ...replies]);
    return this;
  }

  /** Every request offering `tool` gets this reply once its queue is empty (instead of the default). */
  always(tool: "submit_artifacts" | "submit_verdict" | "propose_workflow", reply: ScriptedReply): this {
    this.standing.set(tool, reply);
    return this;
  }

  /** The next gate verifier answers with this verdict. */
  verdict(verdict: "pass" | "fail", summary: string, findings: { severity: "error" | "warning" | "note"; message: string; path?: string; line?: number }[] = []): this {
    return this.reply("submit_verdict", { input: { verdict, summary, findings } });
  }

  /** The requests that offered `tool`. */
  requestsFor(tool: string): ModelRequest[] {
    return this.requests.filter((request) => request.tools.some((spec) => spec.name === tool));
  }

  /** Providers for OrchestratorDeps: every vendor name answers from this script. */
  providers(names: readonly ProviderName[] = ["anthropic", "openai"]): ReadonlyMap<ProviderName, ModelProvider> {
    return new Map(names.map((name) => [name, this.provider(name)]));
  }

  private provider(name: ProviderName): ModelProvider {
    return {
      name,
      complete: (request, signal) => {
        this.requests.push(request);
        this.signals.push(signal);
        const tool = submitTool(request);
        const queued = tool ? (this.queues.get(tool)?.shift() ?? this.standing.get(tool)) : undefined;
        const made = typeof queued === "function" ? queued(request) : { text: "", toolCalls: [call(tool ?? "submit_artifacts", queued?.input ?? defaultInput(request, tool))], stopReason: "tool_use" as const, usage: scriptedModelUsage };
        return Promise.resolve({ provider: name, model: request.model, latencyMs: 5, ...made });
      },
    };
  }
}

const submitTools = ["submit_verdict", "propose_workflow", "submit_artifacts"];

/** The submission tool the request forces, or offers. */
function submitTool(request: ModelRequest): string | undefined {
  if (request.toolChoice) return request.toolChoice.name;
  return submitTools.find((name) => request.tools.some((tool) => tool.name === name));
}

let callCount = 0;
function call(name: string, input: unknown): ToolCall {
  return { id: `call-${++callCount}`, name, input };
}

function defaultInput(request: ModelRequest, tool: string | undefined): Record<string, unknown> {
  if (tool === "submit_verdict") return { verdict: "pass", summary: "Every criterion holds.", findings: [] };
  if (tool === "propose_workflow") return { workflow: "feature", confidence: "high", reasoning: "It reads like a feature." };
  const spec = request.tools.find((candidate) => candidate.name === "submit_artifacts");
  const outputs = /"enum":\[([^\]]*)\]/.exec(JSON.stringify(spec?.inputSchema ?? {}))?.[1];
  const names = outputs ? (JSON.parse(`[${outputs}]`) as string[]) : ["output.md"];
  // Each iteration writes something new (the feedback it was given shows), so a rework is a change.
  const feedback = request.turns.length > 0 && request.turns[0]?.role === "user" ? request.turns[0].text.length : 0;
  return { artifacts: names.map((artifact) => ({ name: artifact, content: `# ${artifact}\n\nWritten by the scripted agent (prompt of ${feedback} characters).\n` })), summary: `Wrote ${names.join(", ")}.` };
}
