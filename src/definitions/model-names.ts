// The names definitions may use for models: the providers Pitwall can call and the tiers a pass or
// agent asks for. They live with the definitions (the schemas validate them); the provider port
// and the domain take them from here.

export const providerNames = ["anthropic", "openai", "openai-compatible"] as const;
export type ProviderName = (typeof providerNames)[number];

export const tiers = ["cheap", "mid", "frontier"] as const;
export type Tier = (typeof tiers)[number];
