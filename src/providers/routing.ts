// Tiers map to ordered `provider/model` lists (DESIGN §6): the first that answers is used, the next
// on failure, so a workflow never names a vendor.
import { providerNames } from "./types.ts";
import type { ModelRef, ProviderName, Tier } from "./types.ts";

export type TierMap = Readonly<Record<Tier, readonly string[]>>;

export const defaultTierMap: TierMap = {
  cheap: ["anthropic/claude-haiku-4-5", "openai/gpt-5-mini"],
  mid: ["anthropic/claude-sonnet-4-6", "openai/gpt-5"],
  frontier: ["anthropic/claude-opus-4-6", "openai/gpt-5"],
};

function isProviderName(value: string): value is ProviderName {
  return (providerNames as readonly string[]).includes(value);
}

/** Splits at the first `/` only: self-hosted model names often contain one (`meta-llama/Llama-3.1-8B`). */
export function parseModelRef(s: string): ModelRef {
  const slash = s.indexOf("/");
  const provider = slash < 0 ? "" : s.slice(0, slash);
  const model = slash < 0 ? "" : s.slice(slash + 1);
  if (!isProviderName(provider) || model === "" || /\s/.test(model)) {
    throw new Error(
      `Invalid model "${s}": expected "provider/model" with provider one of ${providerNames.join(", ")} ` +
        `(e.g. "anthropic/claude-sonnet-4-5").`,
    );
  }
  return { provider, model };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}

/** The tier's models in order, without those whose provider is not configured. */
export function candidatesForTier(tierMap: TierMap, tier: Tier, available: ReadonlySet<ProviderName>): ModelRef[] {
  return tierMap[tier].map(parseModelRef).filter((ref) => available.has(ref.provider));
}
