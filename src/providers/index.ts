// The providers module's public face: the port, the vendor adapters, routing and prices.
export type {
  ChatTurn,
  ModelProvider,
  ModelRef,
  ModelRequest,
  ModelResponse,
  ProviderName,
  StopReason,
  Tier,
  ToolCall,
  ToolSpec,
  Usage,
} from "./types.ts";
export { providerNames, tiers } from "./types.ts";
export { ModelCallError } from "./model-call-error.ts";
export type { ModelCallErrorKind } from "./model-call-error.ts";
export { createAnthropicProvider } from "./anthropic/anthropic-provider.ts";
export type { AnthropicProviderOptions } from "./anthropic/anthropic-provider.ts";
export { createOpenAIProvider } from "./openai/openai-provider.ts";
export type { OpenAIProviderOptions } from "./openai/openai-provider.ts";
export { createProviders } from "./create-providers.ts";
export { describeMissingProviders } from "./describe-missing-providers.ts";
export type { ProviderClientOptions, ProviderEnv } from "./create-providers.ts";
export { candidatesForTier, defaultTierMap, formatModelRef, parseModelRef } from "./routing.ts";
export type { TierMap } from "./routing.ts";
export { defaultPriceTable, mergePriceOverrides, priceCall, priceTableDate } from "./prices.ts";
export type { PricedCall } from "./prices.ts";
export { priceEntrySchema, priceKeySchema, priceTableSchema } from "../definitions/price-table.schema.ts";
export type { PriceEntry, PriceTable } from "../definitions/price-table.schema.ts";
