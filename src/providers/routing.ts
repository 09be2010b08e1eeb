// Tiers map to ordered `provider/model` lists: the first that answers is used, the next
// on failure, so a workflow never names a vendor.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { providerNames, tiers } from "./types.ts";
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

/** What a design artifact declares about the work's reach (its YAML front matter). */
export interface Boundaries {
  /** Top-level areas (bounded contexts, services, packages) the work touches. */
  areas: string[];
  /** An API, event or schema contract changes. */
  contractChanges: boolean;
}

export interface TierInputs {
  /** The agent's default tier, or the workflow's for this pass. */
  base: Tier;
  baseReason: string;
  /** A tier set for this run: escalation after failed gates, or `/tier`. Wins over everything. */
  override?: { tier: Tier; reason: string } | undefined;
  boundaries?: Boundaries | undefined;
  /** Budget pressure on the work item (from the cost policy); `none` without budgets. */
  budgetPressure: "none" | "approaching" | "at_limit";
  escalation: { step_up: boolean; max_tier: Tier; may_step_down: boolean };
}

/**
 * The tier a run uses and why: an override as given; else the base tier, one step up
 * when the work crosses boundaries (more than one area, or a contract change) and the agent may
 * step up, one step down under budget pressure when the agent allows it.
 */
export function chooseTier(inputs: TierInputs): { tier: Tier; reason: string } {
  if (inputs.override) return inputs.override;
  const rank = (tier: Tier) => tiers.indexOf(tier);
  const crosses = inputs.boundaries && (inputs.boundaries.areas.length > 1 || inputs.boundaries.contractChanges);
  if (crosses && inputs.boundaries && inputs.escalation.step_up) {
    const up = tiers[rank(inputs.base) + 1];
    if (up !== undefined && rank(up) <= rank(inputs.escalation.max_tier)) {
      const reach = [inputs.boundaries.areas.length > 1 ? `touches ${inputs.boundaries.areas.length} areas (${inputs.boundaries.areas.join(", ")})` : "", inputs.boundaries.contractChanges ? "changes a contract" : ""].filter(Boolean).join(" and ");
      return { tier: up, reason: `one tier up from ${inputs.base}: the design ${reach}` };
    }
  }
  if (inputs.budgetPressure !== "none" && inputs.escalation.may_step_down) {
    const down = tiers[rank(inputs.base) - 1];
    if (down !== undefined) return { tier: down, reason: `one tier down from ${inputs.base}: the budget is ${inputs.budgetPressure === "at_limit" ? "at its limit" : "nearly spent"}` };
  }
  return { tier: inputs.base, reason: inputs.baseReason };
}

const boundariesSchema = z.object({ areas: z.array(z.string()).optional(), contract_changes: z.boolean().optional() });

/** Reads `areas` and `contract_changes` from a design artifact's YAML front matter, if it declares them. */
export function parseBoundaries(design: string): Boundaries | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(design);
  if (!match?.[1]) return undefined;
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch {
    return undefined;
  }
  const parsed = boundariesSchema.safeParse(data);
  if (!parsed.success || (parsed.data.areas === undefined && parsed.data.contract_changes === undefined)) return undefined;
  return { areas: parsed.data.areas ?? [], contractChanges: parsed.data.contract_changes ?? false };
}
