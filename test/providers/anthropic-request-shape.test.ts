// The exact request the Anthropic adapter puts on the wire to the default endpoint, caught by nock
// (which intercepts native fetch) rather than by our own fake, so the fake cannot hide a mistake.
import nock from "nock";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createAnthropicProvider } from "../../src/providers/anthropic/anthropic-provider.ts";

const apiKey = "sk-ant-nock-0123456789abcdef";

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

it("sends anthropic-version, the key and cache_control on the stable prefix", async () => {
  let headers: Record<string, string> = {};
  let body: unknown;
  // nock 15 hands the reply function the intercepted Fetch Request (its README still shows the
  // older `(uri, body)` form; a two-parameter function is taken as callback style).
  const scope = nock("https://api.anthropic.com")
    .post("/v1/messages")
    .reply(async (request: Request) => {
      headers = Object.fromEntries(request.headers);
      body = await request.json();
      return [
        200,
        {
          id: "msg_01nock",
          type: "message",
          role: "assistant",
          model: "claude-sonnet-4-5-20250929",
          content: [{ type: "text", text: "Planned.", citations: null }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: { input_tokens: 21, output_tokens: 3, cache_creation_input_tokens: 1500, cache_read_input_tokens: 0 },
        },
        { "content-type": "application/json", "request-id": "req_nock" },
      ];
    });

  const provider = createAnthropicProvider({ apiKey, maxRetries: 0 });
  const response = await provider.complete({
    model: "claude-opus-4-5",
    system: "You plan work.",
    turns: [{ role: "user", text: "Issue #7: add a flag." }],
    tools: [{ name: "submit", description: "Submit.", inputSchema: { type: "object", properties: {} } }],
    toolChoice: { name: "submit" },
    maxOutputTokens: 2048,
    cachePrefix: true,
  });

  expect(scope.isDone()).toBe(true);
  expect(headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(headers.authorization).toBe(`Bearer ${apiKey}`);
  expect(headers["content-type"]).toBe("application/json");
  expect(body).toEqual({
    model: "claude-opus-4-5",
    max_tokens: 2048,
    system: [{ type: "text", text: "You plan work.", cache_control: { type: "ephemeral" } }],
    messages: [
      { role: "user", content: [{ type: "text", text: "Issue #7: add a flag.", cache_control: { type: "ephemeral" } }] },
    ],
    tools: [{ name: "submit", description: "Submit.", input_schema: { type: "object", properties: {} } }],
    tool_choice: { type: "tool", name: "submit" },
  });
  // The requested model is reported, not the dated snapshot the API echoes, so prices match.
  expect(response).toMatchObject({
    model: "claude-opus-4-5",
    text: "Planned.",
    usage: { inputTokens: 21, cacheWriteTokens: 1500, cacheReadTokens: 0, outputTokens: 3 },
  });
});
