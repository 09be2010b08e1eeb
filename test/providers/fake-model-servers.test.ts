// The wind tunnel's fake vendors speak the vendors' wire formats, including their errors.
import { afterEach, describe, expect, it } from "vitest";
import { startFakeAnthropic, startFakeOpenAI, type FakeModelServer } from "../../windtunnel/index.ts";

const servers: FakeModelServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function anthropic(...args: Parameters<typeof startFakeAnthropic>): Promise<FakeModelServer> {
  const s = await startFakeAnthropic(...args);
  servers.push(s);
  return s;
}
async function openai(...args: Parameters<typeof startFakeOpenAI>): Promise<FakeModelServer> {
  const s = await startFakeOpenAI(...args);
  servers.push(s);
  return s;
}
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

const messagesBody = { model: "claude-haiku-4-5", max_tokens: 64, messages: [{ role: "user", content: "hi" }] };
const chatBody = { model: "gpt-5-mini", messages: [{ role: "user", content: "hi" }] };

describe("fake Anthropic", () => {
  it("listens on 127.0.0.1 with an ephemeral port", async () => {
    const fake = await anthropic();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.url).not.toMatch(/:0$/);
  });

  it("rejects a request without a key with Anthropic's error body", async () => {
    const fake = await anthropic();
    const res = await post(`${fake.url}/v1/messages`, messagesBody);
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ type: "error", error: { type: "authentication_error" } });
  });

  it.each([
    { missing: "model", body: { max_tokens: 64, messages: messagesBody.messages } },
    { missing: "max_tokens", body: { model: "m", messages: messagesBody.messages } },
    { missing: "messages", body: { model: "m", max_tokens: 64 } },
  ])("answers 400 invalid_request_error without $missing", async ({ missing, body }) => {
    const fake = await anthropic();
    const res = await post(`${fake.url}/v1/messages`, body, { "x-api-key": "k" });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringContaining(missing) as unknown } });
  });

  it("rejects a tool_use left without its tool_result", async () => {
    const fake = await anthropic();
    const res = await post(
      `${fake.url}/v1/messages`,
      {
        ...messagesBody,
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "t", input: {} }] },
          { role: "user", content: "next" },
        ],
      },
      { "x-api-key": "k" },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain("toolu_1");
  });

  it("replies in the Messages API shape and records the request", async () => {
    const fake = await anthropic({ script: [{ text: "Hello", toolCalls: [{ name: "t", input: { a: 1 } }] }] });
    const res = await post(`${fake.url}/v1/messages`, messagesBody, { "X-Api-Key": "k", "X-Custom": "v" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5",
      stop_reason: "tool_use",
      content: [
        { type: "text", text: "Hello" },
        { type: "tool_use", name: "t", input: { a: 1 } },
      ],
      usage: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    const json = res.json as { id: string; content: { id?: string }[]; usage: { input_tokens: number; output_tokens: number } };
    expect(json.id).toMatch(/^msg_/);
    expect(json.content[1]?.id).toMatch(/^toolu_/);
    // ≈ request JSON / 4 and reply / 4
    expect(json.usage.input_tokens).toBe(Math.ceil(JSON.stringify(messagesBody).length / 4));
    expect(json.usage.output_tokens).toBeGreaterThan(0);
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1/messages", body: messagesBody });
    expect(fake.requests[0]?.headers["x-custom"]).toBe("v");
  });

  it("uses the queue first, then the responder, then a short default", async () => {
    const fake = await anthropic({ script: [{ text: "scripted" }] });
    fake.setResponder((req) => ({ text: `echo ${String((req.body as { model: string }).model)}` }));
    const texts: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await post(`${fake.url}/v1/messages`, messagesBody, { "x-api-key": "k" });
      texts.push((res.json as { content: { text: string }[] }).content[0]?.text);
    }
    fake.setResponder(undefined);
    const res = await post(`${fake.url}/v1/messages`, messagesBody, { "x-api-key": "k" });
    texts.push((res.json as { content: { text: string }[] }).content[0]?.text);
    expect(texts).toEqual(["scripted", "echo claude-haiku-4-5", "OK."]);
  });

  it("injects a 429 with retry-after and a 529 overload", async () => {
    const fake = await anthropic({ script: [{ status: 429, retryAfterSeconds: 4 }, { status: 529 }] });
    const limited = await post(`${fake.url}/v1/messages`, messagesBody, { "x-api-key": "k" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("4");
    expect(limited.json).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    const overloaded = await post(`${fake.url}/v1/messages`, messagesBody, { "x-api-key": "k" });
    expect(overloaded.status).toBe(529);
    expect(overloaded.json).toMatchObject({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
  });

  it("does not cache a prefix below the minimum", async () => {
    const fake = await anthropic({ minCacheTokens: 10_000 });
    const body = { ...messagesBody, system: [{ type: "text", text: "short", cache_control: { type: "ephemeral" } }] };
    const res = await post(`${fake.url}/v1/messages`, body, { "x-api-key": "k" });
    expect(res.json).toMatchObject({ usage: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } });
  });
});

describe("fake OpenAI", () => {
  it("serves under /v1 and rejects a missing key with OpenAI's error body", async () => {
    const fake = await openai();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await post(`${fake.url}/chat/completions`, chatBody);
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { type: "invalid_request_error", code: "missing_api_key" } });
  });

  it("masks a wrong key it quotes back", async () => {
    const fake = await openai({ apiKey: "sk-right" });
    const res = await post(`${fake.url}/chat/completions`, chatBody, { authorization: "Bearer sk-wrong-0123456789" });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.json)).not.toContain("sk-wrong-0123456789");
    expect(res.json).toMatchObject({ error: { code: "invalid_api_key" } });
  });

  it("refuses max_tokens on a reasoning model, as the API does", async () => {
    const fake = await openai();
    const res = await post(`${fake.url}/chat/completions`, { ...chatBody, max_tokens: 10 }, { authorization: "Bearer k" });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { param: "max_tokens", code: "unsupported_parameter" } });
  });

  it("rejects a tool message that answers nothing", async () => {
    const fake = await openai();
    const messages = [{ role: "user", content: "hi" }, { role: "tool", tool_call_id: "call_1", content: "x" }];
    const res = await post(`${fake.url}/chat/completions`, { ...chatBody, messages }, { authorization: "Bearer k" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain("role 'tool'");
  });

  it("replies in the chat.completion shape", async () => {
    const fake = await openai({ script: [{ toolCalls: [{ name: "t", input: { a: 1 } }] }], now: () => 1_760_000_000 });
    const res = await post(`${fake.url}/chat/completions`, chatBody, { authorization: "Bearer k" });
    expect(res.json).toMatchObject({
      object: "chat.completion",
      created: 1_760_000_000,
      model: "gpt-5-mini",
      choices: [
        {
          index: 0,
          finish_reason: "tool_calls",
          message: { role: "assistant", content: null, tool_calls: [{ type: "function", function: { name: "t", arguments: '{"a":1}' } }] },
        },
      ],
      usage: { prompt_tokens_details: { cached_tokens: 0 } },
    });
    const json = res.json as { id: string; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };
    expect(json.id).toMatch(/^chatcmpl-/);
    expect(json.usage.total_tokens).toBe(json.usage.prompt_tokens + json.usage.completion_tokens);
  });

  it("injects a 429 with retry-after in OpenAI's error shape", async () => {
    const fake = await openai({ script: [{ status: 429 }] });
    const res = await post(`${fake.url}/chat/completions`, chatBody, { authorization: "Bearer k" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.json).toMatchObject({ error: { code: "rate_limit_exceeded" } });
  });
});

describe("fake server robustness", () => {
  it("answers 500 when a responder throws instead of hanging", async () => {
    const fake = await anthropic();
    fake.setResponder(() => {
      throw new Error("scripted bug");
    });
    const res = await post(`${fake.url}/v1/messages`, messagesBody, { "x-api-key": "k" });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.json)).toContain("scripted bug");
  });
});

describe("a lost answer", () => {
  it("is billed by the vendor, and the connection drops before the client reads it", async () => {
    const fake = await anthropic({ script: [{ text: "lost", lostResponse: true }, { text: "kept" }] });
    const lost = await post(`${fake.url}/v1/messages`, messagesBody, { "x-api-key": "k" }).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(Error);
    const kept = await post(`${fake.url}/v1/messages`, messagesBody, { "x-api-key": "k" });
    expect(kept.status).toBe(200);
    expect(fake.bill.map((call) => call.lost)).toEqual([true, false]);
    expect(fake.bill[1]?.id).toBe((kept.json as { id: string }).id);
    expect(fake.bill[0]?.usage.outputTokens).toBeGreaterThan(0);
  });

  it("is billed by the OpenAI fake too", async () => {
    const fake = await openai({ script: [{ text: "lost", lostResponse: true }] });
    const lost = await post(`${fake.url}/chat/completions`, chatBody, { authorization: "Bearer k" }).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(Error);
    expect(fake.bill).toHaveLength(1);
    expect(fake.bill[0]).toMatchObject({ model: "gpt-5-mini", lost: true });
  });
});
