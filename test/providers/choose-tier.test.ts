import { describe, expect, it } from "vitest";
import { chooseTier, parseBoundaries, type TierInputs } from "../../src/providers/routing.ts";

const inputs = (changes: Partial<TierInputs>): TierInputs => ({
  base: "mid",
  baseReason: "the implementer agent's default",
  budgetPressure: "none",
  escalation: { step_up: true, max_tier: "frontier", may_step_down: false },
  ...changes,
});

describe("chooseTier", () => {
  it.each<[string, Partial<TierInputs>, string, string]>([
    ["the agent's default", {}, "mid", "the implementer agent's default"],
    ["one area, no contract change", { boundaries: { areas: ["billing"], contractChanges: false } }, "mid", "the implementer agent's default"],
    ["several areas step up", { boundaries: { areas: ["billing", "web"], contractChanges: false } }, "frontier", "one tier up from mid: the design touches 2 areas (billing, web)"],
    ["a contract change steps up", { boundaries: { areas: ["api"], contractChanges: true } }, "frontier", "one tier up from mid: the design changes a contract"],
    ["no step up past the agent's max tier", { boundaries: { areas: ["a", "b"], contractChanges: true }, escalation: { step_up: true, max_tier: "mid", may_step_down: false } }, "mid", "the implementer agent's default"],
    ["no step up for an agent that does not", { boundaries: { areas: ["a", "b"], contractChanges: false }, escalation: { step_up: false, max_tier: "frontier", may_step_down: false } }, "mid", "the implementer agent's default"],
    ["budget pressure steps down an agent that allows it", { budgetPressure: "approaching", escalation: { step_up: true, max_tier: "frontier", may_step_down: true } }, "cheap", "one tier down from mid: the budget is nearly spent"],
    ["budget pressure leaves other agents alone", { budgetPressure: "at_limit" }, "mid", "the implementer agent's default"],
    ["an override wins", { override: { tier: "cheap", reason: "set with /tier" }, boundaries: { areas: ["a", "b"], contractChanges: true } }, "cheap", "set with /tier"],
  ])("%s", (_name, changes, tier, reason) => {
    expect(chooseTier(inputs(changes))).toEqual({ tier, reason });
  });
});

describe("parseBoundaries", () => {
  it("reads the design's front matter", () => {
    expect(parseBoundaries("---\nareas: [billing, web]\ncontract_changes: true\n---\n# Design\n")).toEqual({ areas: ["billing", "web"], contractChanges: true });
  });

  it.each([["no front matter", "# Design\n"], ["front matter without the fields", "---\ntitle: x\n---\n"], ["broken YAML", "---\nareas: [a\n---\n"], ["wrong types", "---\nareas: 3\n---\n"]])("ignores %s", (_name, text) => {
    expect(parseBoundaries(text)).toBeUndefined();
  });
});
