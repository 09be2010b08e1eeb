import type { Tier } from "../definitions/model-names.ts";
import { tiers } from "../definitions/model-names.ts";
import type { ReworkTrigger } from "./work-item-state.ts";

// What happens after a gate sends a pass back: run it again, run it again one
// tier up, or hand it to a human. Pure: the orchestrator gathers the facts and acts on the answer.

export interface IterationFacts {
  trigger: ReworkTrigger;
  /** The iteration that was just sent back. */
  iteration: number;
  /** The tier that iteration ran on. */
  tier: Tier;
  gate: { max_iterations: number; escalation: "step_up_then_human" | "human" | "none" };
  agentEscalation: { step_up: boolean; max_tier: Tier };
  /** Only for `ci_failed`: CI-triggered iterations already run for this pass, and the pass's limit. */
  ciFixes?: { done: number; max: number };
  /** The new iteration produced no change, or a change an earlier iteration already made. */
  noProgress?: string | undefined;
  /** An earlier iteration of this pass already ran one tier up by escalation. */
  alreadySteppedUp: boolean;
}

export type NextIteration =
  | { kind: "rerun"; iteration: number; tier: Tier; why: string }
  | { kind: "hand_to_human"; why: string }
  | { kind: "give_up"; why: string };

/** The next step after a rejection, a CI failure or a failed verifier. */
export function nextIteration(facts: IterationFacts): NextIteration {
  const next = facts.iteration + 1;
  // No progress stops even a loop a person restarted: the same answer again would only cost.
  if (facts.noProgress) return stop(facts, `${facts.noProgress}; running it again would only spend money`);
  if (facts.trigger === "retry") return { kind: "rerun", iteration: next, tier: facts.tier, why: "a person asked for a retry" };

  const withinBudget =
    facts.trigger === "ci_failed" && facts.ciFixes ? facts.ciFixes.done < facts.ciFixes.max : facts.iteration < facts.gate.max_iterations;
  if (withinBudget) return { kind: "rerun", iteration: next, tier: facts.tier, why: `iteration ${next} at the same tier` };

  const limit =
    facts.trigger === "ci_failed" && facts.ciFixes
      ? `CI still fails after ${facts.ciFixes.done} fix iteration${facts.ciFixes.done === 1 ? "" : "s"}`
      : `the gate sent the pass back ${facts.iteration} time${facts.iteration === 1 ? "" : "s"} (max_iterations ${facts.gate.max_iterations})`;
  const up = stepUp(facts.tier, facts.agentEscalation.max_tier);
  if (facts.gate.escalation === "step_up_then_human" && facts.agentEscalation.step_up && up !== undefined && !facts.alreadySteppedUp) {
    return { kind: "rerun", iteration: next, tier: up, why: `${limit}; one more try one tier up (${facts.tier} → ${up})` };
  }
  return stop(facts, limit);
}

function stop(facts: IterationFacts, why: string): NextIteration {
  return facts.gate.escalation === "none" ? { kind: "give_up", why } : { kind: "hand_to_human", why };
}

export function tierRank(tier: Tier): number {
  return tiers.indexOf(tier);
}

/** The next tier up, if it does not pass `max`. */
export function stepUp(tier: Tier, max: Tier): Tier | undefined {
  const up = tiers[tierRank(tier) + 1];
  return up !== undefined && tierRank(up) <= tierRank(max) ? up : undefined;
}
