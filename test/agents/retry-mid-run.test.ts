import { describe, expect, it } from "vitest";
import { completeMidRun, midRunRetryDelay } from "../../src/agents/retry-mid-run.ts";
import { ModelCallError, type ModelCallErrorKind } from "../../src/providers/model-call-error.ts";
import type { ModelProvider, ModelRequest, ModelResponse } from "../../src/providers/types.ts";

const fault = (kind: ModelCallErrorKind, retryAfterMs?: number): ModelCallError => new ModelCallError({ provider: "anthropic", model: "m", kind, message: kind, retryAfterMs });
const request: ModelRequest = { model: "m", system: "s", turns: [{ role: "user", text: "u" }], tools: [], maxOutputTokens: 10 };
const answer: ModelResponse = { provider: "anthropic", model: "m", text: "ok", toolCalls: [], stopReason: "end", usage: { inputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1 }, latencyMs: 1 };

function scripted(outcomes: (ModelCallError | Error | ModelResponse)[]): ModelProvider & { calls: number } {
  const provider = {
    name: "anthropic" as const,
    calls: 0,
    complete(): Promise<ModelResponse> {
      provider.calls += 1;
      const next = outcomes.shift();
      return next === undefined ? Promise.reject(new Error("no more")) : next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
  return provider;
}

describe("midRunRetryDelay", () => {
  it("retries a vendor's passing fault twice, as the SDKs did", () => {
    expect([0, 1, 2].map((attempt) => midRunRetryDelay(fault("overloaded"), attempt))).toEqual([500, 2_000, undefined]);
    expect(midRunRetryDelay(fault("server"), 0)).toBe(500);
    expect(midRunRetryDelay(fault("connection"), 0)).toBe(500);
  });

  it("honours a short Retry-After and leaves a long one to the job's wait", () => {
    expect(midRunRetryDelay(fault("rate_limit", 3_000), 0)).toBe(3_000);
    expect(midRunRetryDelay(fault("rate_limit", 60_000), 0)).toBeUndefined();
  });

  it("does not retry a time-out, a refusal that will not pass, or an error of Pitwall's own", () => {
    expect(midRunRetryDelay(fault("timeout"), 0)).toBeUndefined();
    expect(midRunRetryDelay(fault("bad_request"), 0)).toBeUndefined();
    expect(midRunRetryDelay(fault("auth"), 0)).toBeUndefined();
    expect(midRunRetryDelay(new Error("bug"), 0)).toBeUndefined();
  });
});

describe("completeMidRun", () => {
  it("makes one provider call per attempt (each one ledgered) until the vendor answers", async () => {
    const provider = scripted([fault("overloaded"), fault("connection"), answer]);
    await expect(completeMidRun(provider, request, undefined, [0, 0])).resolves.toEqual(answer);
    expect(provider.calls).toBe(3);
  });

  it("gives up after its retries with the vendor's error", async () => {
    const provider = scripted([fault("server"), fault("server"), fault("server")]);
    await expect(completeMidRun(provider, request, undefined, [0, 0])).rejects.toMatchObject({ kind: "server" });
    expect(provider.calls).toBe(3);
  });
});
