// The Anthropic Messages API behind the ModelProvider port.
import Anthropic from "@anthropic-ai/sdk";
import type {
  ContentBlockParam,
  Message,
  MessageCreateParamsNonStreaming,
  MessageParam,
  TextBlockParam,
  Tool,
} from "@anthropic-ai/sdk/resources/messages";
import { toModelCallError } from "../to-model-call-error.ts";
import type { ChatTurn, ModelProvider, ModelRequest, ModelResponse, StopReason, ToolCall, Usage } from "../types.ts";

export interface AnthropicProviderOptions {
  apiKey: string;
  /** Without `/v1`, e.g. `https://api.anthropic.com`. */
  baseURL?: string | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  now?: (() => number) | undefined;
}

const defaultBaseURL = "https://api.anthropic.com";
// Set explicitly: without a timeout the SDK refuses non-streaming calls with a large max_tokens.
const defaultTimeoutMs = 10 * 60 * 1000;

export function createAnthropicProvider(options: AnthropicProviderOptions): ModelProvider {
  // Every option is explicit so the SDK never falls back to process.env.
  const client = new Anthropic({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: options.baseURL ?? defaultBaseURL,
    timeout: options.timeoutMs ?? defaultTimeoutMs,
    maxRetries: options.maxRetries,
    // Not from the environment: at `debug` the SDK prints every request's body (the whole prompt) to the console.
    logLevel: "warn",
  });
  const now = options.now ?? (() => performance.now());

  return {
    name: "anthropic",
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const started = now();
      let message: Message;
      try {
        message = await client.messages.create(toAnthropicParams(request), { signal });
      } catch (err) {
        throw toModelCallError(err, { provider: "anthropic", model: request.model, secrets: [options.apiKey] }, Anthropic);
      }
      const latencyMs = now() - started;
      return fromAnthropicMessage(message, request.model, latencyMs);
    },
  };
}

const ephemeral = { type: "ephemeral" } as const;

export function toAnthropicParams(request: ModelRequest): MessageCreateParamsNonStreaming {
  const params: MessageCreateParamsNonStreaming = {
    model: request.model,
    max_tokens: request.maxOutputTokens,
    messages: toAnthropicMessages(request.turns, request.cachePrefix === true),
  };
  // The API rejects empty text blocks, so an empty system prompt is left out.
  if (request.system !== "") {
    const system: TextBlockParam = { type: "text", text: request.system };
    if (request.cachePrefix === true) system.cache_control = ephemeral;
    params.system = [system];
  }
  if (request.tools.length > 0) {
    params.tools = request.tools.map(
      (tool): Tool => ({
        name: tool.name,
        description: tool.description,
        input_schema: { ...tool.inputSchema, type: "object" },
      }),
    );
  }
  if (request.toolChoice !== undefined) params.tool_choice = { type: "tool", name: request.toolChoice.name };
  return params;
}

function toAnthropicMessages(turns: readonly ChatTurn[], cachePrefix: boolean): MessageParam[] {
  const messages: { role: "user" | "assistant"; content: ContentBlockParam[] }[] = [];
  let firstUserMarked = false;
  for (const turn of turns) {
    const role = turn.role === "assistant" ? "assistant" : "user";
    const blocks = toBlocks(turn);
    if (cachePrefix && !firstUserMarked && turn.role === "user") {
      // The first user turn is the task itself: stable across every iteration of a tool loop.
      const last = blocks.at(-1);
      if (last?.type === "text") last.cache_control = ephemeral;
      firstUserMarked = true;
    }
    // Tool results travel in a user message; a user turn right after them joins that message,
    // as the API requires alternating roles.
    const previous = messages.at(-1);
    if (previous?.role === role) previous.content.push(...blocks);
    else messages.push({ role, content: blocks });
  }
  return messages;
}

function toBlocks(turn: ChatTurn): ContentBlockParam[] {
  switch (turn.role) {
    case "user":
      return [{ type: "text", text: turn.text }];
    case "assistant": {
      const blocks: ContentBlockParam[] = [];
      if (turn.text !== "" || turn.toolCalls.length === 0) blocks.push({ type: "text", text: turn.text });
      for (const call of turn.toolCalls) blocks.push({ type: "tool_use", id: call.id, name: call.name, input: call.input });
      return blocks;
    }
    case "tool":
      return turn.results.map((result) => ({
        type: "tool_result",
        tool_use_id: result.callId,
        content: result.content,
        ...(result.isError === true ? { is_error: true } : {}),
      }));
  }
}

export function fromAnthropicMessage(message: Message, model: string, latencyMs: number): ModelResponse {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "tool_use") toolCalls.push({ id: block.id, name: block.name, input: block.input });
  }
  const usage: Usage = {
    inputTokens: message.usage.input_tokens,
    cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
    outputTokens: message.usage.output_tokens,
  };
  // The requested model, not the echoed snapshot id, so the ledger and price table agree.
  return { provider: "anthropic", model, text, toolCalls, stopReason: stopReason(message.stop_reason), usage, latencyMs };
}

function stopReason(reason: Message["stop_reason"]): StopReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "end";
    case "tool_use":
      return "tool_use";
    case "max_tokens":
      return "max_tokens";
    default:
      return "other";
  }
}
