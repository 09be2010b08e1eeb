// What a fake vendor's bill (`FakeModelServer.bill`: every call it answered, lost answers
// included, as a real vendor bills a call whose response the client never read) comes to at its
// list prices. The fault suite compares Pitwall's ledger with it to the nano-dollar.
import type { BilledCall } from "./fake-http.ts";

/** USD per million tokens, by model name. */
export type VendorPrices = Readonly<Record<string, { input: number; cacheWrite: number; cacheRead: number; output: number }>>;

/** The fake vendors' own price lists (the public list prices of the dated table the app ships). */
export const vendorPrices: Readonly<Record<"anthropic" | "openai", VendorPrices>> = {
  anthropic: {
    "claude-opus-4-6": { input: 5, cacheWrite: 6.25, cacheRead: 0.5, output: 25 },
    "claude-opus-4-5": { input: 5, cacheWrite: 6.25, cacheRead: 0.5, output: 25 },
    "claude-sonnet-4-6": { input: 3, cacheWrite: 3.75, cacheRead: 0.3, output: 15 },
    "claude-sonnet-4-5": { input: 3, cacheWrite: 3.75, cacheRead: 0.3, output: 15 },
    "claude-haiku-4-5": { input: 1, cacheWrite: 1.25, cacheRead: 0.1, output: 5 },
  },
  openai: {
    "gpt-5": { input: 1.25, cacheWrite: 0, cacheRead: 0.125, output: 10 },
    "gpt-5-mini": { input: 0.25, cacheWrite: 0, cacheRead: 0.025, output: 2 },
    "gpt-5-nano": { input: 0.05, cacheWrite: 0, cacheRead: 0.005, output: 0.4 },
  },
};

/**
 * The bill in nano-dollars, each call rounded half up to the nano-dollar as an invoice line is;
 * throws for a model the vendor has no price for (the fake would not serve it).
 */
export function vendorBill(calls: readonly Pick<BilledCall, "model" | "usage">[], prices: VendorPrices): bigint {
  let total = 0n;
  for (const call of calls) {
    const price = prices[call.model];
    if (!price) throw new Error(`the fake vendor has no price for ${call.model}`);
    // Micro-dollars per million tokens times tokens are pico-dollars.
    const micro = (usd: number) => BigInt(Math.round(usd * 1_000_000));
    const pico =
      micro(price.input) * BigInt(call.usage.inputTokens) +
      micro(price.cacheWrite) * BigInt(call.usage.cacheWriteTokens) +
      micro(price.cacheRead) * BigInt(call.usage.cacheReadTokens) +
      micro(price.output) * BigInt(call.usage.outputTokens);
    total += (pico + 500n) / 1000n;
  }
  return total;
}
