// The OpenAI adapter (OpenAI and OpenAI-compatible servers) through the real SDK against the
// wind tunnel's fake Chat Completions API.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultPriceTable, priceCall } from "../../src/providers/prices.ts";
import { ModelCallError } from "../../src/providers/model-call-error.ts";
import { createOpenAIProvider } from "../../src/providers/openai/openai-provider.ts";
import type { ModelProvider, ModelRequest } from "../../src/providers/types.ts";
import { startFakeOpenAI, type FakeModelServer } from "../../windtunnel/index.ts";
import { planRequest, readTool, submitTool } from "../support/model-requests.ts";

const apiKey = "sk-proj-test-0123456789abcdef";

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return planRequest("gpt-5-mini", overrides);
}

interface SentBody {
  messages: Record<string, unknown>[];
  [k: string]: unknown;
}
const sent = (fake: FakeModelServer, i: number): SentBody => fake.requests[i]?.body as SentBody;

let fake: FakeModelServer;
let provider: ModelProvider;

beforeEach(async () => {
  fake = await startFakeOpenAI({ apiKey });
  provider = createOpenAIProvider({ name: "openai", apiKey, baseURL: fake.url, maxRetries: 0 });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

describe("openai provider", () => {
  it("sends a plain request with max_completion_tokens and normalises a text reply", async () => {
    fake.enqueue({ text: "Here is the plan.", usage: { inputTokens: 12, outputTokens: 5 } });
    const response = await provider.complete(request());
    expect(response).toMatchObject({
      provider: "openai",
      model: "gpt-5-mini",
      text: "Here is the plan.",
      toolCalls: [],
      stopReason: "end",
      usage: { inputTokens: 12, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 5 },
    });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(sent(fake, 0)).toEqual({
      model: "gpt-5-mini",
      max_completion_tokens: 1024,
      messages: [
        { role: "system", content: "You are a careful planner." },
        { role: "user", content: "Plan issue #12." },
      ],
    });
  });

  it("measures latency with the injected clock", async () => {
    const ticks = [10, 42];
    const timed = createOpenAIProvider({ name: "openai", apiKey, baseURL: fake.url, maxRetries: 0, now: () => ticks.shift() ?? 0 });
    expect((await timed.complete(request())).latencyMs).toBe(32);
  });

  it("does not pick up organisation or project from process.env", async () => {
    vi.stubEnv("OPENAI_ORG_ID", "org-from-env");
    vi.stubEnv("OPENAI_PROJECT_ID", "proj-from-env");
    const isolated = createOpenAIProvider({ name: "openai", apiKey, baseURL: fake.url, maxRetries: 0 });
    await isolated.complete(request());
    expect(fake.requests[0]?.headers["openai-organization"]).toBeUndefined();
    expect(fake.requests[0]?.headers["openai-project"]).toBeUndefined();
  });

  it("round-trips a tool call: tool_calls, then role tool messages, then the final answer", async () => {
    fake.enqueue({ toolCalls: [{ name: "read_file", input: { path: "src/a.ts" } }] });
    const first = await provider.complete(request({ tools: [readTool] }));
    expect(first.stopReason).toBe("tool_use");
    expect(first.text).toBe("");
    const call = first.toolCalls[0];
    expect(call).toMatchObject({ name: "read_file", input: { path: "src/a.ts" } });
    expect(call?.id).toMatch(/^call_/);
    expect(sent(fake, 0).tools).toEqual([
      {
        type: "function",
        function: {
          name: "read_file",
          description: "Read a file.",
          parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
        },
      },
    ]);

    fake.enqueue({ text: "The file exports one function." });
    const second = await provider.complete(
      request({
        tools: [readTool],
        turns: [
          { role: "user", text: "Plan issue #12." },
          { role: "assistant", text: "", toolCalls: first.toolCalls },
          {
            role: "tool",
            results: [
              { callId: call?.id ?? "", content: "export function a() {}" },
            ],
          },
        ],
      }),
    );
    expect(second).toMatchObject({ text: "The file exports one function.", stopReason: "end" });
    expect(sent(fake, 1).messages.slice(1)).toEqual([
      { role: "user", content: "Plan issue #12." },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: call?.id, type: "function", function: { name: "read_file", arguments: '{"path":"src/a.ts"}' } }],
      },
      { role: "tool", tool_call_id: call?.id, content: "export function a() {}" },
    ]);
  });

  it("says a failed tool result is an error in its content", async () => {
    await provider.complete(
      request({
        tools: [readTool],
        turns: [
          { role: "user", text: "Go." },
          { role: "assistant", text: "Reading.", toolCalls: [{ id: "call_x", name: "read_file", input: { path: "nope" } }] },
          { role: "tool", results: [{ callId: "call_x", content: "ENOENT", isError: true }] },
        ],
      }),
    );
    expect(sent(fake, 0).messages.at(-1)).toEqual({ role: "tool", tool_call_id: "call_x", content: "Error: ENOENT" });
    expect(sent(fake, 0).messages.at(-2)).toMatchObject({ role: "assistant", content: "Reading." });
  });

  it("keeps unparseable arguments as the raw string for the caller's validation", async () => {
    fake.enqueue({ toolCalls: [{ name: "read_file", input: null, rawArguments: '{"path": "src/a.ts"' }] });
    const response = await provider.complete(request({ tools: [readTool] }));
    expect(response.toolCalls[0]?.input).toBe('{"path": "src/a.ts"');
  });

  it("forces the named tool, treating the API's 'stop' finish as tool use", async () => {
    const response = await provider.complete(request({ tools: [readTool, submitTool], toolChoice: { name: "submit" } }));
    expect(sent(fake, 0).tool_choice).toEqual({ type: "function", function: { name: "submit" } });
    expect(response.toolCalls.map((c) => c.name)).toEqual(["submit"]);
    expect(response.stopReason).toBe("tool_use");
  });

  it("maps a length finish to max_tokens", async () => {
    fake.enqueue({ text: "Cut", truncated: true });
    expect((await provider.complete(request())).stopReason).toBe("max_tokens");
  });

  it("takes cached tokens out of prompt_tokens", async () => {
    fake.enqueue({ text: "x", usage: { inputTokens: 100, cacheReadTokens: 1280, outputTokens: 20 } });
    const response = await provider.complete(request());
    expect(response.usage).toEqual({ inputTokens: 100, cacheWriteTokens: 0, cacheReadTokens: 1280, outputTokens: 20 });
    // Priced by OpenAI's rules: cached input at its own rate ($0.025/M for gpt-5-mini), never twice.
    // 100 × 250 + 1,280 × 25 + 20 × 2,000 nano-dollars.
    expect(priceCall(response.usage, { provider: "openai", model: response.model }, defaultPriceTable).nanoUsd).toBe(97_000n);
  });

  it("reports automatic prompt caching on a repeated long prefix", async () => {
    const system = "You are a careful planner. ".repeat(400);
    const first = await provider.complete(request({ system }));
    expect(first.usage.cacheReadTokens).toBe(0);
    const second = await provider.complete(
      request({
        system,
        turns: [
          { role: "user", text: "Plan issue #12." },
          { role: "assistant", text: "OK.", toolCalls: [] },
          { role: "user", text: "Continue." },
        ],
      }),
    );
    expect(second.usage.cacheReadTokens).toBeGreaterThanOrEqual(1024);
    expect(second.usage.cacheReadTokens % 128).toBe(0);
    expect(second.usage.inputTokens + second.usage.cacheReadTokens).toBeGreaterThan(first.usage.inputTokens);
  });

  it.each([
    { status: 500, kind: "server", retryable: true },
    { status: 503, kind: "overloaded", retryable: true },
    { status: 429, kind: "rate_limit", retryable: true },
    { status: 400, kind: "bad_request", retryable: false },
  ])("surfaces a $status as a $kind ModelCallError", async ({ status, kind, retryable }) => {
    fake.enqueue({ status, retryAfterSeconds: 2 });
    const error = await provider.complete(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error).toMatchObject({ provider: "openai", model: "gpt-5-mini", kind, status, retryable });
    if (status === 429) expect((error as ModelCallError).retryAfterMs).toBe(2000);
  });

  it("reports a rejected key as auth without leaking it", async () => {
    const wrongKey = "sk-proj-wrong-key-9876543210";
    const wrong = createOpenAIProvider({ name: "openai", apiKey: wrongKey, baseURL: fake.url, maxRetries: 0 });
    const error = await wrong.complete(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "auth", status: 401, retryable: false });
    expect((error as Error).message).not.toContain(wrongKey);
  });

  it("scrubs the key from an error that echoes it", async () => {
    fake.enqueue({ status: 500, error: `upstream failed for ${apiKey}` });
    const error = await provider.complete(request()).catch((e: unknown) => e);
    expect((error as Error).message).not.toContain(apiKey);
    expect((error as Error).message).toContain("[redacted]");
  });

  it("refuses an openai provider without a key", () => {
    expect(() => createOpenAIProvider({ name: "openai", baseURL: fake.url })).toThrow(/OPENAI_API_KEY/);
  });
});

describe("openai-compatible provider", () => {
  it("works without an API key, sending a placeholder the server ignores", async () => {
    // Started without `apiKey`, the fake accepts any bearer token, as Ollama does.
    const open = await startFakeOpenAI();
    try {
      const compatible = createOpenAIProvider({ name: "openai-compatible", baseURL: open.url, maxRetries: 0 });
      open.enqueue({ text: "Hi from llama." });
      const response = await compatible.complete(request({ model: "llama3.1:8b" }));
      expect(response).toMatchObject({ provider: "openai-compatible", model: "llama3.1:8b", text: "Hi from llama." });
      expect(open.requests[0]?.headers.authorization).toBe("Bearer not-needed");
    } finally {
      await open.close();
    }
  });

  it("needs a base URL", () => {
    expect(() => createOpenAIProvider({ name: "openai-compatible" })).toThrow(/base URL/);
  });
});
