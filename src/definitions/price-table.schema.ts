// The shape of a price entry, shared by the built-in table and the `prices` overrides in config.
import { z } from "zod";
import { providerNames } from "./model-names.ts";

// Prices are exact in micro-dollars per million tokens (six decimals), so costs can be summed
// exactly in integers; anything finer is a typo.
const usdPerMillion = z
  .number()
  .nonnegative()
  .finite()
  .refine((usd) => Math.abs(usd * 1e6 - Math.round(usd * 1e6)) < 1e-6, {
    message: "at most six decimal places (USD per million tokens)",
  });

export const priceEntrySchema = z
  .object({
    input: usdPerMillion,
    cacheWrite: usdPerMillion,
    cacheRead: usdPerMillion,
    output: usdPerMillion,
  })
  .strict();

/** `provider/model`, or `provider/*` for every model of a provider. */
export const priceKeySchema = z
  .string()
  .regex(new RegExp(`^(${providerNames.join("|")})/\\S+$`), 'expected "provider/model", e.g. "anthropic/claude-sonnet-4-5"');

export const priceTableSchema = z.record(priceKeySchema, priceEntrySchema);

/** USD per million tokens. */
export type PriceEntry = z.infer<typeof priceEntrySchema>;
export type PriceTable = Readonly<Record<string, PriceEntry>>;
