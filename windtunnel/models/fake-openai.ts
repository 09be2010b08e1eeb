// A stand-in for OpenAI Chat Completions, which also plays Ollama, vLLM and llama.cpp:
// the real `openai` SDK talks to it over HTTP. Scripted replies, automatic prompt caching as
// OpenAI reports it, and fault injection.
import type { ChatCompletion, ChatCompletionMessageToolCall } from "openai/resources/chat/completions";
import type { Usage } from "../../src/providers/types.ts";
import { createReplySource, estimateTokens, idFactory, isRecord, startJsonServer } from "./fake-http.ts";
import type { BilledCall, FakeModelServer, FakeReply, HttpReply, RecordedRequest } from "./fake-http.ts";

export interface FakeOpenAIOptions {
  script?: readonly FakeReply[];
  /** When set, only this key is accepted; otherwise any bearer token is (self-hosted servers). */
  apiKey?: string;
  /** OpenAI caches prompts from 1024 tokens, in steps of 128. */
  minCacheTokens?: number;
  /** Seconds since the epoch for `created`; the wall clock by default. */
  now?: () => number;
}

const errorKinds: Readonly<Record<number, { type: string; code: string | null; message: string }>> = {
  400: { type: "invalid_request_error", code: null, message: "Invalid request" },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided" },
  404: { type: "invalid_request_error", code: "unknown_url", message: "Unknown request URL" },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests" },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request." },
  503: { type: "server_error", code: null, message: "The engine is currently overloaded, please try again later." },
};

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeModelServer> {
  const requests: RecordedRequest[] = [];
  const bill: BilledCall[] = [];
  const replies = createReplySource(options.script);
  const completionId = idFactory("chatcmpl-", 29);
  const toolCallId = idFactory("call_", 24);
  const requestId = idFactory("req_", 32);
  const seenPrompts = new Map<string, string[][]>();
  const minCacheTokens = options.minCacheTokens ?? 1024;
  const now = options.now ?? ((): number => Math.floor(Date.now() / 1000));

  const error = (status: number, message?: string, extra: { param?: string; code?: string; headers?: Record<string, string> } = {}): HttpReply => {
    const kind = errorKinds[status] ?? { type: status >= 500 ? "server_error" : "invalid_request_error", code: null, message: "Error" };
    return {
      status,
      headers: { "x-request-id": requestId(), ...extra.headers },
      body: { error: { message: message ?? kind.message, type: kind.type, param: extra.param ?? null, code: extra.code ?? kind.code } },
    };
  };

  const handle = (request: RecordedRequest): HttpReply => {
    requests.push(request);
    if (request.method !== "POST" || request.path.split("?")[0] !== "/v1/chat/completions") {
      return error(404, `Invalid URL (${request.method} ${request.path})`);
    }
    const key = request.headers.authorization?.replace(/^Bearer\s+/i, "") ?? "";
    if (key === "") {
      return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.", { code: "missing_api_key" });
    }
    // The real API masks the key it quotes back.
    if (options.apiKey !== undefined && key !== options.apiKey) return error(401, `Incorrect API key provided: ${mask(key)}.`);
    const body = request.body;
    const invalid = validate(body);
    if (invalid !== undefined) return error(400, invalid.message, { param: invalid.param, code: invalid.code });
    if (!isRecord(body)) return error(400, "We could not parse the JSON body of your request.");

    const reply = replies.next(request) ?? defaultReply(body);
    const delay = { ...(reply.delayMs === undefined ? {} : { delayMs: reply.delayMs }), ...(reply.until === undefined ? {} : { until: reply.until }) };
    if (reply.status !== undefined && reply.status >= 400) {
      const headers = reply.status === 429 ? { "retry-after": String(reply.retryAfterSeconds ?? 1) } : undefined;
      return { ...error(reply.status, reply.error, headers === undefined ? {} : { headers }), ...delay };
    }

    const toolCalls: ChatCompletionMessageToolCall[] = (reply.toolCalls ?? []).map((call) => ({
      id: toolCallId(),
      type: "function",
      function: { name: call.name, arguments: call.rawArguments ?? JSON.stringify(call.input) },
    }));
    const text = reply.text ?? null;
    const model = String(body.model);
    const estimated = estimateUsage(body, text, toolCalls, seenPrompts, minCacheTokens);
    const usage: Usage = { ...estimated, ...reply.usage };
    const forced = isRecord(body.tool_choice) && body.tool_choice.type === "function";
    // A named tool choice finishes with "stop" even though the message carries tool calls.
    const finishReason = reply.truncated === true ? "length" : toolCalls.length > 0 && !forced ? "tool_calls" : "stop";
    const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
    const completion: ChatCompletion = {
      id: completionId(),
      object: "chat.completion",
      created: now(),
      model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: text,
            refusal: null,
            annotations: [],
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: usage.outputTokens,
        total_tokens: promptTokens + usage.outputTokens,
        prompt_tokens_details: {
          cached_tokens: usage.cacheReadTokens,
          audio_tokens: 0,
          ...(usage.cacheWriteTokens > 0 ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
        },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      service_tier: "default",
      system_fingerprint: "fp_windtunnel",
    };
    bill.push({ id: completion.id, model, usage, lost: reply.lostResponse === true });
    return { status: 200, headers: { "x-request-id": requestId() }, body: completion, ...delay, ...(reply.lostResponse === true ? { lost: true } : {}) };
  };

  const server = await startJsonServer(handle);
  return {
    url: `${server.origin}/v1`,
    requests,
    bill,
    enqueue: replies.enqueue,
    setResponder: replies.setResponder,
    close: server.close,
  };
}

function mask(key: string): string {
  return key.length <= 8 ? "****" : `${key.slice(0, 3)}****${key.slice(-4)}`;
}

function defaultReply(body: Record<string, unknown>): FakeReply {
  const choice = body.tool_choice;
  if (isRecord(choice) && choice.type === "function" && isRecord(choice.function) && typeof choice.function.name === "string") {
    return { toolCalls: [{ name: choice.function.name, input: {} }] };
  }
  return { text: "OK." };
}

interface Invalid {
  message: string;
  param?: string;
  code?: string;
}

// Reasoning models (gpt-5, o-series) refuse the old `max_tokens`.
const reasoningModel = /^(gpt-5|o\d)/;

function validate(body: unknown): Invalid | undefined {
  if (!isRecord(body)) return { message: "We could not parse the JSON body of your request." };
  if (typeof body.model !== "string" || body.model === "") return { message: "you must provide a model parameter" };
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { message: "[] is too short - 'messages'", param: "messages", code: "empty_array" };
  }
  if (body.max_tokens !== undefined && reasoningModel.test(body.model)) {
    return {
      message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      param: "max_tokens",
      code: "unsupported_parameter",
    };
  }
  const messages: unknown[] = body.messages;
  let pending: string[] = [];
  for (const [i, message] of messages.entries()) {
    if (!isRecord(message)) return { message: `Invalid type for 'messages[${i}]'`, param: `messages[${i}]` };
    if (message.role === "tool") {
      const id = String(message.tool_call_id);
      if (!pending.includes(id)) {
        return {
          message: "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          param: `messages.[${i}].role`,
        };
      }
      pending = pending.filter((p) => p !== id);
      continue;
    }
    if (pending.length > 0) {
      return {
        message:
          "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
          `The following tool_call_ids did not have response messages: ${pending.join(", ")}`,
        param: "messages",
      };
    }
    const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as unknown[]) : [];
    pending = calls.map((call) => (isRecord(call) ? String(call.id) : ""));
  }
  const choice = body.tool_choice;
  if (isRecord(choice) && choice.type === "function" && isRecord(choice.function)) {
    const name = choice.function.name;
    const tools = Array.isArray(body.tools) ? (body.tools as unknown[]) : [];
    if (!tools.some((tool) => isRecord(tool) && isRecord(tool.function) && tool.function.name === name)) {
      return { message: `Invalid value for 'tool_choice': function '${String(name)}' not found in 'tools'.`, param: "tool_choice" };
    }
  }
  return undefined;
}

// Input ≈ request JSON / 4, output ≈ reply / 4. OpenAI caches automatically: the longest run of
// leading tools and messages shared with an earlier request of the same model is read from cache,
// once it reaches the minimum, in steps of 128 tokens.
function estimateUsage(
  body: Record<string, unknown>,
  text: string | null,
  toolCalls: readonly ChatCompletionMessageToolCall[],
  seen: Map<string, string[][]>,
  minCacheTokens: number,
): Usage {
  const total = estimateTokens(JSON.stringify(body));
  const outputTokens = estimateTokens((text ?? "") + JSON.stringify(toolCalls));
  const pieces = [...asArray(body.tools), ...asArray(body.messages)].map((piece) => JSON.stringify(piece));
  const model = String(body.model);
  const earlier = seen.get(model) ?? [];
  let shared = 0;
  for (const prompt of earlier) {
    let n = 0;
    while (n < prompt.length && n < pieces.length && prompt[n] === pieces[n]) n++;
    shared = Math.max(shared, n);
  }
  seen.set(model, [...earlier, pieces]);
  const sharedTokens = shared === 0 ? 0 : Math.min(estimateTokens(pieces.slice(0, shared).join("")), total);
  const cached = sharedTokens < minCacheTokens ? 0 : sharedTokens - (sharedTokens % 128);
  return { inputTokens: total - cached, cacheWriteTokens: 0, cacheReadTokens: cached, outputTokens };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
