import { describe, expect, it } from "vitest";
import { candidatesForTier, defaultTierMap, formatModelRef, parseModelRef } from "../../src/providers/routing.ts";
import type { ProviderName, Tier } from "../../src/providers/types.ts";

describe("parseModelRef", () => {
  it.each([
    { input: "anthropic/claude-sonnet-4-5", provider: "anthropic", model: "claude-sonnet-4-5" },
    { input: "openai/gpt-5", provider: "openai", model: "gpt-5" },
    { input: "openai-compatible/llama3.1:8b", provider: "openai-compatible", model: "llama3.1:8b" },
    { input: "openai-compatible/meta-llama/Llama-3.1-8B", provider: "openai-compatible", model: "meta-llama/Llama-3.1-8B" },
  ])("parses $input", ({ input, provider, model }) => {
    const ref = parseModelRef(input);
    expect(ref).toEqual({ provider, model });
    expect(formatModelRef(ref)).toBe(input);
  });

  it.each(["claude-sonnet-4-5", "anthropic/", "google/gemini-2", "/gpt-5", "openai/gpt 5", "", "Anthropic/claude"])(
    "rejects %j with a message naming the format",
    (input) => {
      expect(() => parseModelRef(input)).toThrow(/expected "provider\/model" with provider one of anthropic, openai, openai-compatible/);
    },
  );
});

describe("candidatesForTier", () => {
  const all = new Set<ProviderName>(["anthropic", "openai", "openai-compatible"]);
  const cases: { tier: Tier; available: ProviderName[]; expected: string[] }[] = [
    { tier: "cheap", available: ["anthropic", "openai"], expected: ["anthropic/claude-haiku-4-5", "openai/gpt-5-mini"] },
    { tier: "mid", available: ["anthropic", "openai"], expected: ["anthropic/claude-sonnet-4-6", "openai/gpt-5"] },
    { tier: "frontier", available: ["anthropic", "openai"], expected: ["anthropic/claude-opus-4-6", "openai/gpt-5"] },
    { tier: "mid", available: ["openai"], expected: ["openai/gpt-5"] },
    { tier: "frontier", available: ["anthropic"], expected: ["anthropic/claude-opus-4-6"] },
    { tier: "cheap", available: ["openai-compatible"], expected: [] },
    { tier: "cheap", available: [], expected: [] },
  ];
  it.each(cases)("$tier with $available", ({ tier, available, expected }) => {
    expect(candidatesForTier(defaultTierMap, tier, new Set(available)).map(formatModelRef)).toEqual(expected);
  });

  it("keeps a custom map's order, including self-hosted models", () => {
    const map = { cheap: ["openai-compatible/qwen2.5-coder", "openai/gpt-5-nano", "anthropic/claude-haiku-4-5"], mid: [], frontier: [] };
    expect(candidatesForTier(map, "cheap", all)).toEqual([
      { provider: "openai-compatible", model: "qwen2.5-coder" },
      { provider: "openai", model: "gpt-5-nano" },
      { provider: "anthropic", model: "claude-haiku-4-5" },
    ]);
  });

  it("fails loudly on a malformed entry", () => {
    expect(() => candidatesForTier({ cheap: ["haiku"], mid: [], frontier: [] }, "cheap", all)).toThrow(/Invalid model "haiku"/);
  });
});
