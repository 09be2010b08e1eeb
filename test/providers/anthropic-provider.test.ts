// The Anthropic adapter through the real SDK against the wind tunnel's fake Messages API.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicProvider } from "../../src/providers/anthropic/anthropic-provider.ts";
import { defaultPriceTable, priceCall } from "../../src/providers/prices.ts";
import { ModelCallError } from "../../src/providers/model-call-error.ts";
import type { ModelProvider, ModelRequest } from "../../src/providers/types.ts";
import { startFakeAnthropic, type FakeModelServer } from "../../windtunnel/index.ts";
import { planRequest, readTool, submitTool } from "../support/model-requests.ts";

const apiKey = "sk-ant-test-0123456789abcdef";

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return planRequest("claude-haiku-4-5", overrides);
}

interface Block {
  type: string;
  cache_control?: unknown;
  [k: string]: unknown;
}
interface SentBody {
  system?: Block[];
  messages: { role: string; content: Block[] }[];
  tools?: unknown[];
  tool_choice?: unknown;
  [k: string]: unknown;
}
const sent = (fake: FakeModelServer, i: number): SentBody => fake.requests[i]?.body as SentBody;

let fake: FakeModelServer;
let provider: ModelProvider;

beforeEach(async () => {
  fake = await startFakeAnthropic({ apiKey });
  provider = createAnthropicProvider({ apiKey, baseURL: fake.url, maxRetries: 0 });
});
afterEach(async () => {
  await fake.close();
});

describe("anthropic provider", () => {
  it("sends a plain request and normalises a text reply", async () => {
    fake.enqueue({ text: "Here is the plan.", usage: { inputTokens: 12, outputTokens: 5 } });
    const response = await provider.complete(request());

    expect(response).toMatchObject({
      provider: "anthropic",
      model: "claude-haiku-4-5",
      text: "Here is the plan.",
      toolCalls: [],
      stopReason: "end",
      usage: { inputTokens: 12, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 5 },
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(fake.requests[0]?.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent(fake, 0)).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 1024,
      system: [{ type: "text", text: "You are a careful planner." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Plan issue #12." }] }],
    });
  });

  it("measures latency with the injected clock", async () => {
    const ticks = [1000, 1250];
    const timed = createAnthropicProvider({ apiKey, baseURL: fake.url, maxRetries: 0, now: () => ticks.shift() ?? 0 });
    const response = await timed.complete(request());
    expect(response.latencyMs).toBe(250);
  });

  it("round-trips a tool call: tool_use, then a tool_result turn, then the final answer", async () => {
    fake.enqueue({ text: "Let me look.", toolCalls: [{ name: "read_file", input: { path: "src/a.ts" } }] });
    const first = await provider.complete(request({ tools: [readTool] }));
    expect(first.stopReason).toBe("tool_use");
    expect(first.text).toBe("Let me look.");
    const call = first.toolCalls[0];
    expect(call).toMatchObject({ name: "read_file", input: { path: "src/a.ts" } });
    expect(call?.id).toMatch(/^toolu_/);

    fake.enqueue({ text: "The file exports one function." });
    const second = await provider.complete(
      request({
        tools: [readTool],
        turns: [
          { role: "user", text: "Plan issue #12." },
          { role: "assistant", text: first.text, toolCalls: first.toolCalls },
          { role: "tool", results: [{ callId: call?.id ?? "", content: "export function a() {}" }] },
        ],
      }),
    );
    expect(second.text).toBe("The file exports one function.");
    expect(second.stopReason).toBe("end");
    expect(sent(fake, 1).messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Plan issue #12." }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Let me look." },
          { type: "tool_use", id: call?.id, name: "read_file", input: { path: "src/a.ts" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: call?.id, content: "export function a() {}" }] },
    ]);
    expect(sent(fake, 1).tools).toEqual([
      {
        name: "read_file",
        description: "Read a file.",
        input_schema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
      },
    ]);
  });

  it("marks failed tool results and folds a following user turn into the same message", async () => {
    await provider.complete(
      request({
        tools: [readTool],
        turns: [
          { role: "user", text: "Go." },
          { role: "assistant", text: "", toolCalls: [{ id: "toolu_x", name: "read_file", input: { path: "nope" } }] },
          { role: "tool", results: [{ callId: "toolu_x", content: "ENOENT", isError: true }] },
          { role: "user", text: "Try another path." },
        ],
      }),
    );
    expect(sent(fake, 0).messages.slice(1)).toEqual([
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_x", name: "read_file", input: { path: "nope" } }] },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_x", content: "ENOENT", is_error: true },
          { type: "text", text: "Try another path." },
        ],
      },
    ]);
  });

  it("forces the named tool", async () => {
    const response = await provider.complete(request({ tools: [readTool, submitTool], toolChoice: { name: "submit" } }));
    expect(sent(fake, 0).tool_choice).toEqual({ type: "tool", name: "submit" });
    expect(response.stopReason).toBe("tool_use");
    expect(response.toolCalls.map((c) => c.name)).toEqual(["submit"]);
  });

  it("maps max_tokens and stays non-streaming for a large output budget", async () => {
    fake.enqueue({ text: "Cut off", truncated: true });
    const response = await provider.complete(request({ maxOutputTokens: 64_000 }));
    expect(response.stopReason).toBe("max_tokens");
    expect(sent(fake, 0).max_tokens).toBe(64_000);
  });

  it("normalises usage including cache writes and reads", async () => {
    fake.enqueue({ usage: { inputTokens: 40, cacheWriteTokens: 2000, cacheReadTokens: 500, outputTokens: 9 }, text: "x" });
    const response = await provider.complete(request());
    expect(response.usage).toEqual({ inputTokens: 40, cacheWriteTokens: 2000, cacheReadTokens: 500, outputTokens: 9 });
    // Priced by Anthropic's rules: writes at 1.25× and reads at 0.1× of haiku's $1/M input.
    // 40 × 1,000 + 2,000 × 1,250 + 500 × 100 + 9 × 5,000 nano-dollars.
    expect(priceCall(response.usage, { provider: "anthropic", model: response.model }, defaultPriceTable).nanoUsd).toBe(2_635_000n);
  });

  it("puts cache_control on the system block and the first user turn's last block only", async () => {
    const turns: ModelRequest["turns"] = [
      { role: "user", text: "Plan issue #12." },
      { role: "assistant", text: "", toolCalls: [{ id: "toolu_a", name: "read_file", input: { path: "a" } }] },
      { role: "tool", results: [{ callId: "toolu_a", content: "contents" }] },
    ];
    await provider.complete(request({ tools: [readTool], turns, cachePrefix: true }));
    const body = sent(fake, 0);
    expect(body.system?.[0]?.cache_control).toEqual({ type: "ephemeral" });
    expect(body.messages[0]?.content.at(-1)?.cache_control).toEqual({ type: "ephemeral" });
    const marks = JSON.stringify(body).match(/cache_control/g) ?? [];
    expect(marks).toHaveLength(2);
  });

  it("sends no cache_control without cachePrefix", async () => {
    await provider.complete(request());
    expect(JSON.stringify(fake.requests[0]?.body)).not.toContain("cache_control");
  });

  it("reports the cached prefix as written once, then read on the next iteration", async () => {
    const system = "You are a careful planner. ".repeat(200);
    const first = await provider.complete(request({ system, cachePrefix: true }));
    expect(first.usage.cacheWriteTokens).toBeGreaterThan(1000);
    expect(first.usage.cacheReadTokens).toBe(0);

    const second = await provider.complete(
      request({
        system,
        cachePrefix: true,
        turns: [
          { role: "user", text: "Plan issue #12." },
          { role: "assistant", text: "OK.", toolCalls: [] },
          { role: "user", text: "Continue." },
        ],
      }),
    );
    expect(second.usage.cacheWriteTokens).toBe(0);
    expect(second.usage.cacheReadTokens).toBe(first.usage.cacheWriteTokens);
    expect(second.usage.inputTokens).toBeGreaterThan(0);
    expect(second.usage.inputTokens).toBeLessThan(100);
  });

  it.each([
    { status: 529, kind: "overloaded", retryable: true },
    { status: 500, kind: "server", retryable: true },
    { status: 429, kind: "rate_limit", retryable: true },
  ])("surfaces a $status as a $kind ModelCallError", async ({ status, kind, retryable }) => {
    fake.enqueue({ status, retryAfterSeconds: 7 });
    const error = await provider.complete(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5", kind, status, retryable });
    if (status === 429) expect((error as ModelCallError).retryAfterMs).toBe(7000);
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a 529 when retries are enabled", async () => {
    const retrying = createAnthropicProvider({ apiKey, baseURL: fake.url, maxRetries: 1 });
    fake.enqueue({ status: 529 }, { text: "Recovered." });
    const response = await retrying.complete(request());
    expect(response.text).toBe("Recovered.");
    expect(fake.requests).toHaveLength(2);
  });

  it("reports a rejected key as auth without leaking it", async () => {
    const wrongKey = "sk-ant-wrong-key-9876543210";
    const wrong = createAnthropicProvider({ apiKey: wrongKey, baseURL: fake.url, maxRetries: 0 });
    const error = await wrong.complete(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "auth", status: 401, retryable: false });
    expect((error as Error).message).not.toContain(wrongKey);
  });

  it("scrubs the key from an error that echoes it", async () => {
    fake.enqueue({ status: 400, error: `bad request from key ${apiKey}` });
    const error = await provider.complete(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad_request", status: 400 });
    expect((error as Error).message).not.toContain(apiKey);
    expect((error as Error).message).toContain("[redacted]");
  });

  it("surfaces the API's own validation as bad_request", async () => {
    const error = await provider.complete(request({ turns: [{ role: "user", text: "" }] })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad_request", status: 400 });
    expect((error as Error).message).toContain("text content blocks must be non-empty");
  });

  it("reports an abort and a timeout", async () => {
    fake.enqueue({ text: "late", delayMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(provider.complete(request(), controller.signal)).rejects.toMatchObject({ kind: "aborted" });

    const impatient = createAnthropicProvider({ apiKey, baseURL: fake.url, maxRetries: 0, timeoutMs: 100 });
    fake.enqueue({ text: "late", delayMs: 5000 });
    await expect(impatient.complete(request())).rejects.toMatchObject({ kind: "timeout", retryable: true });
  });
});
