import { describe, expect, it } from "vitest";
import { budgetLevel, budgetScopes, decideDispatch, decideNextCall, type BudgetState } from "../../src/domain/budget-policy.ts";
import { usdToNano } from "../../src/domain/money.ts";

/** A budget state with its amounts written in dollars, as people read them. */
type InDollars = Partial<Omit<BudgetState, "limitUsd" | "spentUsd" | "reservedUsd">> & { limitUsd?: string; spentUsd?: string; reservedUsd?: string };

const budget = ({ limitUsd = "100", spentUsd = "0", reservedUsd = "0", ...changes }: InDollars): BudgetState => ({
  scope: "repo",
  name: "acme/rocket",
  limitUsd: usdToNano(limitUsd),
  spentUsd: usdToNano(spentUsd),
  reservedUsd: usdToNano(reservedUsd),
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
    const decision = decideDispatch({ budgets: [budget({ scope, spentUsd: spent })], estimateUsd: usdToNano("2"), lowPriority, approved });
    expect(decision.kind).toBe(kind);
    if (decision.kind !== "dispatch") expect(decision.budget.scope).toBe(scope);
  });

  it("dispatches high-priority work while an approaching budget still has room for its estimate", () => {
    const approaching = budget({ scope: "workflow", name: "feature", spentUsd: "85" });
    expect(decideDispatch({ budgets: [budget({}), approaching], estimateUsd: usdToNano("2.5"), lowPriority: false, approved: false })).toEqual({ kind: "dispatch" });
  });

  it("asks for /approve budget when the estimate does not fit what is left, even below the limit", () => {
    const decision = decideDispatch({ budgets: [budget({ limitUsd: "10", spentUsd: "5", reservedUsd: "3" })], estimateUsd: usdToNano("2.5"), lowPriority: false, approved: false });
    expect(decision).toMatchObject({ kind: "needs_approval", reason: "this pass is estimated at $2.50 and the repo budget of acme/rocket ($10.00) has $2.00 left; an owner can allow it with `/approve budget`" });
  });

  it("lets the most restrictive budget decide and escalates when over", () => {
    const decision = decideDispatch({ budgets: [budget({ scope: "installation", name: "acme", spentUsd: "50" }), budget({ scope: "work_item", name: "#12", limitUsd: "10", spentUsd: "12" })], estimateUsd: usdToNano("1"), lowPriority: false, approved: true });
    expect(decision).toMatchObject({ kind: "pause", escalate: true, reason: "the work item budget of #12 ($10.00) is over its limit: $12.00 spent or held" });
  });
});

describe("decideNextCall", () => {
  // Limit $10; "reserved" counts the running pass's unspent reservation too.
  it.each<[string, InDollars, string, string, boolean, ReturnType<typeof decideNextCall>]>([
    ["a call its reservation covers needs no room", { limitUsd: "10", spentUsd: "10", reservedUsd: "0.5" }, "0.4", "0.5", false, { kind: "call", topUpUsd: usdToNano("0.000000000") }],
    ["a call past its reservation grows it by the difference", { limitUsd: "10", spentUsd: "6", reservedUsd: "0.5" }, "0.8", "0.5", false, { kind: "call", topUpUsd: usdToNano("0.300000000") }],
    ["the top-up may take the budget exactly to its limit", { limitUsd: "10", spentUsd: "9.2", reservedUsd: "0.5" }, "0.8", "0.5", false, { kind: "call", topUpUsd: usdToNano("0.300000000") }],
    ["one nano-dollar more than is left stops the pass", { limitUsd: "10", spentUsd: "9.200000001", reservedUsd: "0.5" }, "0.8", "0.5", false, { kind: "stop", reason: "the next model call could cost up to $0.80 and the repo budget of acme/rocket ($10.00) has $0.79 left for it", budget: expect.anything() as BudgetState }],
    ["other passes' reservations count", { limitUsd: "10", spentUsd: "5", reservedUsd: "4.9" }, "0.5", "0", false, { kind: "stop", reason: "the next model call could cost up to $0.50 and the repo budget of acme/rocket ($10.00) has $0.10 left for it", budget: expect.anything() as BudgetState }],
    ["an approved pass may go past the limit", { limitUsd: "10", spentUsd: "10.5", reservedUsd: "0" }, "1", "0", true, { kind: "call", topUpUsd: usdToNano("1.000000000") }],
    ["an approved pass never goes past the over threshold", { limitUsd: "10", spentUsd: "11.5", reservedUsd: "0" }, "1", "0", true, { kind: "stop", reason: "the next model call could cost up to $1.00 and the repo budget of acme/rocket ($10.00) has $0.50 left for it before it passes 120% of its limit", budget: expect.anything() as BudgetState }],
    ["an over-spent budget says $0 left", { limitUsd: "10", spentUsd: "12", reservedUsd: "0" }, "0.1", "0", false, { kind: "stop", reason: "the next model call could cost up to $0.10 and the repo budget of acme/rocket ($10.00) has $0.00 left for it", budget: expect.anything() as BudgetState }],
  ])("%s", (_name, state, callCapUsd, unspentUsd, approved, expected) => {
    expect(decideNextCall({ budgets: [budget(state)], callCapUsd: usdToNano(callCapUsd), unspentUsd: usdToNano(unspentUsd), approved })).toEqual(expected);
  });

  it("is stopped by the tightest of several budgets", () => {
    const workItem = budget({ scope: "work_item", name: "#12", limitUsd: "2", spentUsd: "1.9" });
    const decision = decideNextCall({ budgets: [budget({ scope: "installation", name: "acme" }), workItem], callCapUsd: usdToNano("0.2"), unspentUsd: usdToNano("0"), approved: false });
    expect(decision).toEqual({ kind: "stop", reason: "the next model call could cost up to $0.20 and the work item budget of #12 ($2.00) has $0.10 left for it", budget: workItem });
  });
});
