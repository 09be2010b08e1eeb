// Dollars for a model call. Costs are computed in integers so that summing ledger rows
// is exact: a price in USD per million tokens times tokens, times 1000, is nano-dollars.
import type { Nano } from "../domain/money.ts";
import type { PriceEntry, PriceTable } from "../definitions/price-table.schema.ts";
import type { ModelRef, Usage } from "./types.ts";

/**
 * Vendors' list prices on this date, USD per million tokens. Prices move: the `prices` section of
 * config overrides any entry (see mergePriceOverrides), and the ledger records what was charged.
 */
export const priceTableDate = "2026-11-01";

export const defaultPriceTable: PriceTable = {
  "anthropic/claude-opus-4-6": { input: 5, cacheWrite: 6.25, cacheRead: 0.5, output: 25 },
  "anthropic/claude-opus-4-5": { input: 5, cacheWrite: 6.25, cacheRead: 0.5, output: 25 },
  "anthropic/claude-sonnet-4-6": { input: 3, cacheWrite: 3.75, cacheRead: 0.3, output: 15 },
  // Sonnet 4.5 reaches end of life on 2026-11-30 (the SDK warns on every call); kept for ledgers that used it.
  "anthropic/claude-sonnet-4-5": { input: 3, cacheWrite: 3.75, cacheRead: 0.3, output: 15 },
  "anthropic/claude-haiku-4-5": { input: 1, cacheWrite: 1.25, cacheRead: 0.1, output: 5 },
  // OpenAI caches automatically and charges nothing extra to write the cache.
  "openai/gpt-5": { input: 1.25, cacheWrite: 0, cacheRead: 0.125, output: 10 },
  "openai/gpt-5-mini": { input: 0.25, cacheWrite: 0, cacheRead: 0.025, output: 2 },
  "openai/gpt-5-nano": { input: 0.05, cacheWrite: 0, cacheRead: 0.005, output: 0.4 },
  // Self-hosted: the hardware is paid for elsewhere. Override to charge for it.
  "openai-compatible/*": { input: 0, cacheWrite: 0, cacheRead: 0, output: 0 },
};

export interface PricedCall {
  /** The exact cost; priced once per call and carried to the ledger and the run's limit. */
  nanoUsd: Nano;
  /** False when the table has no price for the model: the cost is unknown, not zero. */
  priced: boolean;
  reason?: string;
}

export function priceCall(usage: Usage, ref: ModelRef, table: PriceTable): PricedCall {
  const key = `${ref.provider}/${ref.model}`;
  const entry = lookup(table, ref);
  if (entry === undefined) {
    return { nanoUsd: 0n, priced: false, reason: `no price for ${key}; add it to the prices in config` };
  }
  const counts = [usage.inputTokens, usage.cacheWriteTokens, usage.cacheReadTokens, usage.outputTokens];
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    return { nanoUsd: 0n, priced: false, reason: `invalid token counts for ${key}: ${counts.join(", ")}` };
  }
  // Pico-dollars (price in micro-USD per million tokens × tokens) stay exact for six-decimal prices.
  const pico =
    micro(entry.input) * BigInt(usage.inputTokens) +
    micro(entry.cacheWrite) * BigInt(usage.cacheWriteTokens) +
    micro(entry.cacheRead) * BigInt(usage.cacheReadTokens) +
    micro(entry.output) * BigInt(usage.outputTokens);
  // Exact for prices with up to three decimals; finer ones round half up to the nano-dollar.
  return { nanoUsd: (pico + 500n) / 1000n, priced: true };
}

/**
 * The most a call can cost in nano-dollars: every prompt token at the dearer of the input and
 * cache-write rates, and the whole output allowance. Zero for a model the table has no price for
 * (its calls are recorded unpriced, at $0).
 */
export function callCapNano(ref: ModelRef, tokens: { promptTokens: number; outputTokens: number }, table: PriceTable): Nano {
  const entry = lookup(table, ref);
  if (entry === undefined) return 0n;
  const promptRate = micro(Math.max(entry.input, entry.cacheWrite));
  const pico = promptRate * BigInt(Math.max(0, Math.ceil(tokens.promptTokens))) + micro(entry.output) * BigInt(Math.max(0, Math.ceil(tokens.outputTokens)));
  // Rounded up: a cap never falls short of the call.
  return (pico + 999n) / 1000n;
}

/** Config overrides win entry by entry; the base table is left untouched. */
export function mergePriceOverrides(base: PriceTable, overrides: PriceTable | undefined): PriceTable {
  return { ...base, ...overrides };
}

// Exact model first, then the model without a date suffix (`claude-haiku-4-5-20251001`,
// `gpt-5-2025-08-07`), then a `provider/*` entry.
function lookup(table: PriceTable, ref: ModelRef): PriceEntry | undefined {
  const undated = ref.model.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, "");
  return table[`${ref.provider}/${ref.model}`] ?? table[`${ref.provider}/${undated}`] ?? table[`${ref.provider}/*`];
}

function micro(usdPerMillion: number): bigint {
  return BigInt(Math.round(usdPerMillion * 1e6));
}
