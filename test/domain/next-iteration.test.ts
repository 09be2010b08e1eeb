import { describe, expect, it } from "vitest";
import { nextIteration, type IterationFacts } from "../../src/domain/next-iteration.ts";

const facts = (changes: Partial<IterationFacts>): IterationFacts => ({
  trigger: "rejected",
  iteration: 1,
  tier: "mid",
  alreadySteppedUp: false,
  gate: { max_iterations: 3, escalation: "step_up_then_human" },
  agentEscalation: { step_up: true, max_tier: "frontier" },
  ...changes,
});

describe("nextIteration", () => {
  it.each<[string, Partial<IterationFacts>, ReturnType<typeof nextIteration>["kind"], object]>([
    ["a first rejection re-runs at the same tier", {}, "rerun", { iteration: 2, tier: "mid" }],
    ["the last allowed rejection steps the tier up once", { iteration: 3 }, "rerun", { iteration: 4, tier: "frontier" }],
    ["after the step up a person takes over", { iteration: 4, tier: "frontier", alreadySteppedUp: true }, "hand_to_human", {}],
    ["a person's lower /tier does not buy a second step up", { iteration: 5, tier: "mid", alreadySteppedUp: true }, "hand_to_human", {}],
    ["an agent that may not step up goes to a person", { iteration: 3, agentEscalation: { step_up: false, max_tier: "frontier" } }, "hand_to_human", {}],
    ["an agent at its max tier goes to a person", { iteration: 3, agentEscalation: { step_up: true, max_tier: "mid" } }, "hand_to_human", {}],
    ["a frontier agent has nowhere to step up to", { iteration: 3, tier: "frontier" }, "hand_to_human", {}],
    ["escalation `human` skips the step up", { iteration: 3, gate: { max_iterations: 3, escalation: "human" } }, "hand_to_human", {}],
    ["escalation `none` gives up", { iteration: 3, gate: { max_iterations: 3, escalation: "none" } }, "give_up", {}],
    ["CI failures re-run within the CI budget", { trigger: "ci_failed", iteration: 2, ciFixes: { done: 1, max: 2 } }, "rerun", { iteration: 3, tier: "mid" }],
    ["CI failures past the CI budget step up", { trigger: "ci_failed", iteration: 3, ciFixes: { done: 2, max: 2 } }, "rerun", { iteration: 4, tier: "frontier" }],
    ["no progress stops a loop a person restarted with /retry", { trigger: "retry", noProgress: "iteration 5 produced no change", iteration: 5 }, "hand_to_human", {}],
    ["no progress stops the loop at once", { noProgress: "iteration 2 produced no change", iteration: 2 }, "hand_to_human", {}],
    ["a person's retry always re-runs", { trigger: "retry", iteration: 9, tier: "frontier" }, "rerun", { iteration: 10, tier: "frontier" }],
  ])("%s", (_name, changes, kind, extra) => {
    expect(nextIteration(facts(changes))).toMatchObject({ kind, ...extra });
  });

  it("says why it stopped", () => {
    const result = nextIteration(facts({ iteration: 4, tier: "frontier", alreadySteppedUp: true }));
    expect(result.kind === "hand_to_human" && result.why).toContain("sent the pass back 4 times (max_iterations 3)");
  });
});
