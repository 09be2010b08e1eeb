import { describe, expect, it } from "vitest";
import { budgetLevel, budgetScopes, decideDispatch, type BudgetState } from "../../src/cost/budget-policy.ts";

const budget = (changes: Partial<BudgetState>): BudgetState => ({
  scope: "repo",
  name: "acme/rocket",
  limitUsd: "100",
  spentUsd: "0",
  reservedUsd: "0",
  owners: ["olivia"],
  thresholds: { approaching: 0.8, over: 1.2 },
  ...changes,
});

describe("budgetLevel", () => {
  it.each<[string, string, string, ReturnType<typeof budgetLevel>]>([
    ["nothing spent", "0", "0", "ok"],
    ["just below approaching", "79.999999999", "0", "ok"],
    ["approaching at exactly 80%", "80", "0", "approaching"],
    ["approaching counts reservations", "70", "10", "approaching"],
    ["at the limit", "100", "0", "at_limit"],
    ["just below over", "119.999999999", "0", "at_limit"],
    ["over at 120%", "100", "20", "over"],
  ])("%s", (_name, spent, reserved, level) => {
    expect(budgetLevel(budget({ spentUsd: spent, reservedUsd: reserved }))).toBe(level);
  });

  it("treats a zero limit as over (nothing may run)", () => {
    expect(budgetLevel(budget({ limitUsd: "0" }))).toBe("over");
  });
});

describe("decideDispatch", () => {
  // Every threshold at every scope.
  const cases = budgetScopes.flatMap((scope) => [
    [scope, "ok", "10", false, false, "dispatch"],
    [scope, "approaching, high priority", "85", false, false, "dispatch"],
    [scope, "approaching, low priority", "85", true, false, "delay"],
    [scope, "at limit, high priority, estimate over what is left", "100", false, false, "needs_approval"],
    [scope, "at limit, high priority, approved", "100", false, true, "dispatch"],
    [scope, "at limit, low priority", "100", true, false, "pause"],
    [scope, "at limit, low priority, approved", "100", true, true, "pause"],
    [scope, "over, high priority, approved", "121", false, true, "pause"],
  ] as const);
  it.each(cases)("%s budget %s → %s", (scope, _name, spent, lowPriority, approved, kind) => {
    const decision = decideDispatch({ budgets: [budget({ scope, spentUsd: spent })], estimateUsd: "2", lowPriority, approved });
    expect(decision.kind).toBe(kind);
    if (decision.kind !== "dispatch") expect(decision.budget.scope).toBe(scope);
  });

  it("reserves the estimate and says which budgets to notify", () => {
    const approaching = budget({ scope: "workflow", name: "feature", spentUsd: "85" });
    expect(decideDispatch({ budgets: [budget({}), approaching], estimateUsd: "2.5", lowPriority: false, approved: false })).toEqual({ kind: "dispatch", reserveUsd: "2.5", notify: [approaching] });
  });

  it("asks for /approve budget when the estimate does not fit what is left, even below the limit", () => {
    const decision = decideDispatch({ budgets: [budget({ limitUsd: "10", spentUsd: "5", reservedUsd: "3" })], estimateUsd: "2.5", lowPriority: false, approved: false });
    expect(decision).toMatchObject({ kind: "needs_approval", reason: "this pass is estimated at $2.50 and the repo budget of acme/rocket ($10.00) has $2.00 left; an owner can allow it with `/approve budget`" });
  });

  it("lets the most restrictive budget decide and escalates when over", () => {
    const decision = decideDispatch({ budgets: [budget({ scope: "installation", name: "acme", spentUsd: "50" }), budget({ scope: "work_item", name: "#12", limitUsd: "10", spentUsd: "12" })], estimateUsd: "1", lowPriority: false, approved: true });
    expect(decision).toMatchObject({ kind: "pause", escalate: true, reason: "the work item budget of #12 ($10.00) is over its limit: $12.00 spent or held" });
  });
});
