// Prices against hand-computed figures; costs must be exact so ledger sums are.
import { describe, expect, it } from "vitest";
import { priceEntrySchema, priceTableSchema } from "../../src/definitions/price-table.schema.ts";
import { dollarsToNano } from "../../src/domain/money.ts";
import { defaultPriceTable, mergePriceOverrides, priceCall, priceTableDate } from "../../src/providers/prices.ts";
import type { ModelRef, Usage } from "../../src/providers/types.ts";

const usage = (inputTokens: number, cacheWriteTokens: number, cacheReadTokens: number, outputTokens: number): Usage => ({
  inputTokens,
  cacheWriteTokens,
  cacheReadTokens,
  outputTokens,
});
const ref = (s: string): ModelRef => {
  const [provider, model] = s.split(/\/(.*)/s) as [ModelRef["provider"], string];
  return { provider, model };
};

describe("priceCall", () => {
  it.each([
    // 3 + 0.75 + 0.9 + 0.15
    { model: "anthropic/claude-sonnet-4-5", usage: usage(1_000_000, 200_000, 3_000_000, 10_000), nano: 4_800_000_000 },
    // 0.05 + 0.03125 + 0.05 + 0.05
    { model: "anthropic/claude-opus-4-5", usage: usage(10_000, 5_000, 100_000, 2_000), nano: 181_250_000 },
    // 0.123456 + 0 + 0.1 + 0.000035
    { model: "anthropic/claude-haiku-4-5", usage: usage(123_456, 0, 1_000_000, 7), nano: 223_491_000 },
    // 1.25 + 0.125 + 1
    { model: "openai/gpt-5", usage: usage(1_000_000, 0, 1_000_000, 100_000), nano: 2_375_000_000 },
    // 750 + 25 + 2000 nano-dollars
    { model: "openai/gpt-5-mini", usage: usage(3, 0, 1, 1), nano: 2_775 },
    // 50 + 5 + 400 nano-dollars
    { model: "openai/gpt-5-nano", usage: usage(1, 0, 1, 1), nano: 455 },
    { model: "openai-compatible/llama3.1:8b", usage: usage(5_000_000, 0, 0, 1_000_000), nano: 0 },
  ])("prices $model exactly", ({ model, usage: u, nano }) => {
    const priced = priceCall(u, ref(model), defaultPriceTable);
    expect(priced).toEqual({ nanoUsd: BigInt(nano), priced: true });
  });

  it("gives $4.80 for the sonnet example", () => {
    expect(priceCall(usage(1_000_000, 200_000, 3_000_000, 10_000), ref("anthropic/claude-sonnet-4-5"), defaultPriceTable).nanoUsd).toBe(dollarsToNano(4.8));
  });

  it("gives integer nano-dollars that sum exactly", () => {
    // 3 × 5 + 1 × 6.25 + 7 × 0.5 + 1 × 25 = 49.75 USD per million tokens → 49,750 nano-dollars.
    const one = priceCall(usage(3, 1, 7, 1), ref("anthropic/claude-opus-4-5"), defaultPriceTable);
    expect(one.nanoUsd).toBe(49_750n);
    const total = Array.from({ length: 1000 }, () => one).reduce((sum, c) => sum + c.nanoUsd, 0n);
    expect(total).toBe(49_750_000n);
  });

  it("prices a dated snapshot as its model", () => {
    const priced = priceCall(usage(1_000_000, 0, 0, 0), ref("anthropic/claude-haiku-4-5-20251001"), defaultPriceTable);
    expect(priced).toMatchObject({ priced: true, nanoUsd: dollarsToNano(1) });
    expect(priceCall(usage(1_000_000, 0, 0, 0), ref("openai/gpt-5-2025-08-07"), defaultPriceTable).nanoUsd).toBe(dollarsToNano(1.25));
  });

  it("does not make an unknown model free", () => {
    const priced = priceCall(usage(1000, 0, 0, 1000), ref("anthropic/claude-unknown-9"), defaultPriceTable);
    expect(priced.priced).toBe(false);
    expect(priced.nanoUsd).toBe(dollarsToNano(0));
    expect(priced.reason).toContain("anthropic/claude-unknown-9");
    expect(priceCall(usage(1, 0, 0, 1), ref("openai/gpt-9"), defaultPriceTable).priced).toBe(false);
  });

  it("refuses invalid token counts rather than guessing", () => {
    const priced = priceCall(usage(-1, 0, 0.5, 0), ref("openai/gpt-5"), defaultPriceTable);
    expect(priced).toMatchObject({ priced: false, nanoUsd: dollarsToNano(0) });
    expect(priced.reason).toMatch(/invalid token counts/);
  });

  it("rounds a sub-nano price to the nearest nano-dollar", () => {
    const table = { "openai/cheap": { input: 0.0375, cacheWrite: 0, cacheRead: 0, output: 0 } };
    // 0.0375 USD per million tokens is 37.5 nano-dollars a token.
    expect(priceCall(usage(1, 0, 0, 0), ref("openai/cheap"), table).nanoUsd).toBe(38n);
    expect(priceCall(usage(3, 0, 0, 0), ref("openai/cheap"), table).nanoUsd).toBe(113n);
    expect(priceCall(usage(1000, 0, 0, 0), ref("openai/cheap"), table).nanoUsd).toBe(37_500n);
  });
});

describe("mergePriceOverrides", () => {
  it("lets config override and add entries without touching the base", () => {
    const merged = mergePriceOverrides(defaultPriceTable, {
      "anthropic/claude-sonnet-4-5": { input: 2, cacheWrite: 2.5, cacheRead: 0.2, output: 10 },
      "anthropic/claude-sonnet-4-6": { input: 3, cacheWrite: 3.75, cacheRead: 0.3, output: 15 },
      "openai-compatible/*": { input: 0.1, cacheWrite: 0, cacheRead: 0, output: 0.2 },
    });
    expect(priceCall(usage(1_000_000, 0, 0, 0), ref("anthropic/claude-sonnet-4-5"), merged).nanoUsd).toBe(dollarsToNano(2));
    expect(priceCall(usage(0, 0, 0, 1_000_000), ref("anthropic/claude-sonnet-4-6"), merged).nanoUsd).toBe(dollarsToNano(15));
    expect(priceCall(usage(1_000_000, 0, 0, 1_000_000), ref("openai-compatible/qwen"), merged).nanoUsd).toBe(dollarsToNano(0.3));
    expect(priceCall(usage(1_000_000, 0, 0, 0), ref("anthropic/claude-sonnet-4-5"), defaultPriceTable).nanoUsd).toBe(dollarsToNano(3));
    expect(priceCall(usage(1_000_000, 0, 0, 0), ref("openai/gpt-5"), merged).nanoUsd).toBe(dollarsToNano(1.25));
  });

  it("prefers an exact self-hosted entry over the wildcard", () => {
    const merged = mergePriceOverrides(defaultPriceTable, {
      "openai-compatible/big-gpu-model": { input: 1, cacheWrite: 0, cacheRead: 0, output: 1 },
    });
    expect(priceCall(usage(1_000_000, 0, 0, 0), ref("openai-compatible/big-gpu-model"), merged).nanoUsd).toBe(dollarsToNano(1));
    expect(priceCall(usage(1_000_000, 0, 0, 0), ref("openai-compatible/small"), merged).nanoUsd).toBe(dollarsToNano(0));
  });

  it("returns the base when there are no overrides", () => {
    expect(mergePriceOverrides(defaultPriceTable, undefined)).toEqual(defaultPriceTable);
  });
});

describe("price table schema", () => {
  it("accepts the built-in table, which is dated", () => {
    expect(priceTableSchema.safeParse(defaultPriceTable).success).toBe(true);
    expect(priceTableDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    { name: "a key without provider", table: { "claude-x": { input: 1, cacheWrite: 1, cacheRead: 1, output: 1 } } },
    { name: "an unknown provider", table: { "google/gemini": { input: 1, cacheWrite: 1, cacheRead: 1, output: 1 } } },
    { name: "a negative price", table: { "openai/x": { input: -1, cacheWrite: 0, cacheRead: 0, output: 0 } } },
    { name: "seven decimals", table: { "openai/x": { input: 0.0000001, cacheWrite: 0, cacheRead: 0, output: 0 } } },
    { name: "a missing field", table: { "openai/x": { input: 1, cacheRead: 0, output: 0 } } },
    { name: "an unknown field", table: { "openai/x": { input: 1, cacheWrite: 0, cacheRead: 0, output: 0, batch: 1 } } },
  ])("rejects $name", ({ table }) => {
    expect(priceTableSchema.safeParse(table).success).toBe(false);
  });

  it("accepts six decimals", () => {
    expect(priceEntrySchema.safeParse({ input: 0.000001, cacheWrite: 0, cacheRead: 0.0375, output: 0.4 }).success).toBe(true);
  });
});
