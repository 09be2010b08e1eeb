// A stand-in for the Anthropic Messages API that the real SDK talks to over HTTP:
// scripted replies and tool calls, realistic usage with prompt caching, and fault injection.
import type { ContentBlock, Message } from "@anthropic-ai/sdk/resources/messages";
import type { Usage } from "../../src/providers/types.ts";
import { createReplySource, estimateTokens, idFactory, isRecord, startJsonServer } from "./fake-http.ts";
import type { BilledCall, FakeModelServer, FakeReply, HttpReply, RecordedRequest } from "./fake-http.ts";

export interface FakeAnthropicOptions {
  script?: readonly FakeReply[];
  /** When set, only this key is accepted; otherwise any key is. */
  apiKey?: string;
  /** Prefixes shorter than this are not cached (the real API's minimum is 1024-4096 by model). */
  minCacheTokens?: number;
}

const errorTypes: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const defaultMessages: Readonly<Record<number, string>> = {
  429: "Number of request tokens has exceeded your per-minute rate limit",
  500: "Internal server error",
  529: "Overloaded",
};

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeModelServer> {
  const requests: RecordedRequest[] = [];
  const bill: BilledCall[] = [];
  const replies = createReplySource(options.script);
  const messageId = idFactory("msg_01", 22);
  const toolUseId = idFactory("toolu_01", 22);
  const requestId = idFactory("req_01", 22);
  const cache = new Set<string>();
  const minCacheTokens = options.minCacheTokens ?? 0;

  const error = (status: number, message: string, headers: Record<string, string> = {}): HttpReply => {
    const id = requestId();
    return {
      status,
      headers: { "request-id": id, ...headers },
      body: { type: "error", error: { type: errorTypes[status] ?? "api_error", message }, request_id: id },
    };
  };

  const handle = (request: RecordedRequest): HttpReply => {
    requests.push(request);
    if (request.method !== "POST" || request.path.split("?")[0] !== "/v1/messages") {
      return error(404, `Not found: ${request.method} ${request.path}`);
    }
    const key = request.headers["x-api-key"] ?? request.headers.authorization?.replace(/^Bearer\s+/i, "");
    if (key === undefined || key === "") return error(401, "x-api-key header is required");
    if (options.apiKey !== undefined && key !== options.apiKey) return error(401, "invalid x-api-key");
    const body = request.body;
    const invalid = validate(body);
    if (invalid !== undefined || !isRecord(body)) return error(400, invalid ?? "Request body is not valid JSON");

    const reply = replies.next(request) ?? defaultReply(body);
    const delay = { ...(reply.delayMs === undefined ? {} : { delayMs: reply.delayMs }), ...(reply.until === undefined ? {} : { until: reply.until }) };
    if (reply.status !== undefined && reply.status >= 400) {
      const retryAfter = reply.status === 429 ? { "retry-after": String(reply.retryAfterSeconds ?? 1) } : undefined;
      return { ...error(reply.status, reply.error ?? defaultMessages[reply.status] ?? "Error", retryAfter), ...delay };
    }

    const content: ContentBlock[] = [];
    if (reply.text !== undefined && reply.text !== "") content.push({ type: "text", text: reply.text, citations: null });
    for (const call of reply.toolCalls ?? []) {
      content.push({ type: "tool_use", id: toolUseId(), name: call.name, input: call.input, caller: { type: "direct" } });
    }
    const usage = { ...estimateUsage(body, content, cache, minCacheTokens), ...reply.usage };
    const stopReason = reply.truncated === true ? "max_tokens" : (reply.toolCalls?.length ?? 0) > 0 ? "tool_use" : "end_turn";
    const message: Message = {
      id: messageId(),
      type: "message",
      role: "assistant",
      model: String(body.model),
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cache_creation_input_tokens: usage.cacheWriteTokens,
        cache_read_input_tokens: usage.cacheReadTokens,
        cache_creation: { ephemeral_5m_input_tokens: usage.cacheWriteTokens, ephemeral_1h_input_tokens: 0 },
        inference_geo: "not_available",
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: "standard",
        speed: null,
      },
    };
    bill.push({ id: message.id, model: message.model, usage, lost: reply.lostResponse === true });
    return { status: 200, headers: { "request-id": requestId() }, body: message, ...delay, ...(reply.lostResponse === true ? { lost: true } : {}) };
  };

  const server = await startJsonServer(handle);
  return { url: server.origin, requests, bill, enqueue: replies.enqueue, setResponder: replies.setResponder, close: server.close };
}

// With nothing scripted: call the forced tool if there is one, else say something short.
function defaultReply(body: Record<string, unknown>): FakeReply {
  const choice = body.tool_choice;
  if (isRecord(choice) && choice.type === "tool" && typeof choice.name === "string") {
    return { toolCalls: [{ name: choice.name, input: {} }] };
  }
  return { text: "OK." };
}

// The checks of the real API that catch adapter bugs: required fields, empty text, tool pairing.
function validate(body: unknown): string | undefined {
  if (!isRecord(body)) return "Request body is not valid JSON";
  if (typeof body.model !== "string" || body.model === "") return "model: Field required";
  if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return "max_tokens: Field required";
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: Field required";
  const messages: unknown[] = body.messages;
  let pendingToolUses: string[] = [];
  for (const [i, message] of messages.entries()) {
    if (!isRecord(message) || (message.role !== "user" && message.role !== "assistant")) {
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    }
    const blocks = Array.isArray(message.content) ? (message.content as unknown[]) : [message.content];
    const toolResultIds: string[] = [];
    const toolUseIds: string[] = [];
    for (const block of blocks) {
      if (block === "" || (isRecord(block) && block.type === "text" && block.text === "")) {
        return "messages: text content blocks must be non-empty";
      }
      if (isRecord(block) && block.type === "tool_result") toolResultIds.push(String(block.tool_use_id));
      if (isRecord(block) && block.type === "tool_use") toolUseIds.push(String(block.id));
    }
    const unexpected = toolResultIds.filter((id) => !pendingToolUses.includes(id));
    if (unexpected.length > 0) {
      return (
        `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected.join(", ")}. ` +
        "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
      );
    }
    const unanswered = pendingToolUses.filter((id) => !toolResultIds.includes(id));
    if (unanswered.length > 0) {
      return (
        `messages.${i - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(", ")}. ` +
        "Each `tool_use` block must have a corresponding `tool_result` block in the next message."
      );
    }
    pendingToolUses = toolUseIds;
  }
  const choice = body.tool_choice;
  if (isRecord(choice) && choice.type === "tool") {
    const tools = Array.isArray(body.tools) ? (body.tools as unknown[]) : [];
    if (!tools.some((tool) => isRecord(tool) && tool.name === choice.name)) {
      return `tool_choice: Tool '${String(choice.name)}' not found in tools`;
    }
  }
  return undefined;
}

// Input ≈ request JSON / 4, output ≈ reply / 4. Everything up to the last cache_control block is
// the cached prefix: written on first sight, read on every later request with the same prefix.
function estimateUsage(
  body: Record<string, unknown>,
  content: readonly ContentBlock[],
  cache: Set<string>,
  minCacheTokens: number,
): Usage {
  const total = estimateTokens(JSON.stringify(body));
  const outputTokens = estimateTokens(JSON.stringify(content.map((b) => (b.type === "text" ? b.text : b))));
  const pieces = promptPieces(body);
  const lastMarked = pieces.findLastIndex((piece) => isRecord(piece) && isRecord(piece.cache_control));
  if (lastMarked < 0) return { inputTokens: total, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens };
  const prefix = JSON.stringify([body.model, pieces.slice(0, lastMarked + 1)]);
  const cached = Math.min(estimateTokens(prefix), total);
  if (cached < minCacheTokens) return { inputTokens: total, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens };
  const hit = cache.has(prefix);
  cache.add(prefix);
  return {
    inputTokens: total - cached,
    cacheWriteTokens: hit ? 0 : cached,
    cacheReadTokens: hit ? cached : 0,
    outputTokens,
  };
}

// The prompt in the order the API caches it: tools, then system, then messages.
function promptPieces(body: Record<string, unknown>): unknown[] {
  const asBlocks = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value]);
  const pieces: unknown[] = [...asBlocks(body.tools), ...asBlocks(body.system)];
  for (const message of asBlocks(body.messages)) {
    if (isRecord(message)) pieces.push(...asBlocks(message.content));
  }
  return pieces;
}
