// OpenAI Chat Completions behind the ModelProvider port. The same adapter serves
// OpenAI-compatible servers (Ollama, vLLM, llama.cpp) through another base URL.
import OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { ModelCallError } from "../model-call-error.ts";
import { toModelCallError } from "../to-model-call-error.ts";
import type { ChatTurn, ModelProvider, ModelRequest, ModelResponse, StopReason, ToolCall, Usage } from "../types.ts";

export interface OpenAIProviderOptions {
  name: "openai" | "openai-compatible";
  /** Optional for self-hosted servers, which usually ignore it. */
  apiKey?: string | undefined;
  /** With `/v1`, e.g. `http://localhost:11434/v1`. Required for `openai-compatible`. */
  baseURL?: string | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  now?: (() => number) | undefined;
}

const defaultBaseURL = "https://api.openai.com/v1";
// The SDK refuses to build a client without a key; self-hosted servers accept any.
const placeholderKey = "not-needed";

export function createOpenAIProvider(options: OpenAIProviderOptions): ModelProvider {
  if (options.name === "openai-compatible" && options.baseURL === undefined) {
    throw new Error("The openai-compatible provider needs a base URL (e.g. http://localhost:11434/v1).");
  }
  if (options.name === "openai" && (options.apiKey ?? "") === "") {
    throw new Error("The openai provider needs an API key (OPENAI_API_KEY).");
  }
  const name = options.name;
  // Every option is explicit so the SDK never falls back to process.env.
  const client = new OpenAI({
    apiKey: options.apiKey ?? placeholderKey,
    organization: null,
    project: null,
    baseURL: options.baseURL ?? defaultBaseURL,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    // Not from the environment: at `debug` the SDK prints every request's body (the whole prompt) to the console.
    logLevel: "warn",
  });
  const now = options.now ?? (() => performance.now());

  return {
    name,
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const started = now();
      let completion: ChatCompletion;
      try {
        completion = await client.chat.completions.create(toOpenAIParams(request), { signal });
      } catch (err) {
        throw toModelCallError(err, { provider: name, model: request.model, secrets: [options.apiKey] }, OpenAI);
      }
      const latencyMs = now() - started;
      return fromChatCompletion(completion, { provider: name, model: request.model, latencyMs });
    },
  };
}

// Prompt caching is automatic on OpenAI for long prefixes, so `cachePrefix` needs no marking here.
export function toOpenAIParams(request: ModelRequest): ChatCompletionCreateParamsNonStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (request.system !== "") messages.push({ role: "system", content: request.system });
  for (const turn of request.turns) messages.push(...toMessages(turn));
  const params: ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages,
    max_completion_tokens: request.maxOutputTokens,
  };
  if (request.tools.length > 0) {
    params.tools = request.tools.map((tool) => ({
      type: "function",
      function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
    }));
  }
  if (request.toolChoice !== undefined) {
    params.tool_choice = { type: "function", function: { name: request.toolChoice.name } };
  }
  return params;
}

function toMessages(turn: ChatTurn): ChatCompletionMessageParam[] {
  switch (turn.role) {
    case "user":
      return [{ role: "user", content: turn.text }];
    case "assistant":
      if (turn.toolCalls.length === 0) return [{ role: "assistant", content: turn.text }];
      return [
        {
          role: "assistant",
          content: turn.text === "" ? null : turn.text,
          tool_calls: turn.toolCalls.map((call) => ({
            id: call.id,
            type: "function",
            function: { name: call.name, arguments: toArguments(call.input) },
          })),
        },
      ];
    case "tool":
      // Chat Completions has no error flag on tool results, so the error is said in the content.
      return turn.results.map((result) => ({
        role: "tool",
        tool_call_id: result.callId,
        content: result.isError === true ? `Error: ${result.content}` : result.content,
      }));
  }
}

// Arguments that did not parse are kept as the raw string; send them back as they came.
function toArguments(input: unknown): string {
  return typeof input === "string" ? input : JSON.stringify(input ?? {});
}

function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw === "" ? "{}" : raw) as unknown;
  } catch {
    return raw;
  }
}

export function fromChatCompletion(
  completion: ChatCompletion,
  call: { provider: "openai" | "openai-compatible"; model: string; latencyMs: number },
): ModelResponse {
  const choice = completion.choices[0];
  if (choice === undefined) {
    throw new ModelCallError({ ...call, kind: "invalid_response", message: "the response has no choices" });
  }
  const toolCalls: ToolCall[] = [];
  for (const toolCall of choice.message.tool_calls ?? []) {
    if (toolCall.type !== "function") continue;
    toolCalls.push({ id: toolCall.id, name: toolCall.function.name, input: parseArguments(toolCall.function.arguments) });
  }
  return {
    provider: call.provider,
    model: call.model,
    text: choice.message.content ?? "",
    toolCalls,
    stopReason: stopReason(choice.finish_reason, toolCalls.length > 0),
    usage: usageOf(completion.usage),
    latencyMs: call.latencyMs,
  };
}

// `prompt_tokens` includes the cached tokens; ours never do. Tokens written to the cache stay in
// `inputTokens`: OpenAI bills them at the input rate.
function usageOf(usage: ChatCompletion["usage"]): Usage {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = Math.min(usage?.prompt_tokens_details?.cached_tokens ?? 0, prompt);
  return {
    inputTokens: prompt - cached,
    cacheWriteTokens: 0,
    cacheReadTokens: cached,
    outputTokens: usage?.completion_tokens ?? 0,
  };
}

// A forced (named) tool choice ends with `stop` even though the message carries tool calls.
function stopReason(reason: string, hasToolCalls: boolean): StopReason {
  switch (reason) {
    case "tool_calls":
    case "function_call":
      return "tool_use";
    case "stop":
      return hasToolCalls ? "tool_use" : "end";
    case "length":
      return "max_tokens";
    default:
      return "other";
  }
}
