import { dollarsToNano, formatUsd, type Nano } from "./money.ts";

// Budgets as a control surface: before a pass is dispatched, every budget whose scope
// covers it (installation, repo, workflow, work item) says whether it may run now. Pure: the
// spend and reservations are read by the caller; money is exact (nano-dollars).

export const budgetScopes = ["installation", "repo", "workflow", "work_item"] as const;
export type BudgetScope = (typeof budgetScopes)[number];

export interface BudgetState {
  scope: BudgetScope;
  /** What it covers, for messages: `acme`, `acme/rocket`, `feature`, `#12`. */
  name: string;
  limitUsd: Nano;
  /** Settled spend in the budget's current period. */
  spentUsd: Nano;
  /** Estimates held for dispatched passes that have not settled yet. */
  reservedUsd: Nano;
  owners: readonly string[];
  /** Fractions of the limit: approaching (default 0.8) and over (default 1.2). */
  thresholds: { approaching: number; over: number };
}

/** "the repo budget of acme/rocket ($10.00)", for people. */
export function describeBudget(budget: Pick<BudgetState, "scope" | "name" | "limitUsd">): string {
  return `the ${budget.scope.replace("_", " ")} budget of ${budget.name} (${formatUsd(budget.limitUsd)})`;
}

/** A workflow's `budget_usd` (dollars in its file), in nano-dollars; undefined when it sets none. */
export function budgetOf(workflow: { budget_usd?: number | undefined } | undefined): Nano | undefined {
  return workflow?.budget_usd === undefined ? undefined : dollarsToNano(workflow.budget_usd);
}

export type BudgetLevel = "ok" | "approaching" | "at_limit" | "over";

export function budgetLevel(budget: BudgetState): BudgetLevel {
  const limit = budget.limitUsd;
  if (limit <= 0n) return "over";
  const used = budget.spentUsd + budget.reservedUsd;
  // Compare in integers: used / limit >= fraction  ⇔  used * 1000 >= limit * fraction * 1000.
  const reached = (fraction: number) => used * 1000n >= limit * BigInt(Math.round(fraction * 1000));
  if (reached(budget.thresholds.over)) return "over";
  if (used >= limit) return "at_limit";
  if (reached(budget.thresholds.approaching)) return "approaching";
  return "ok";
}

export interface DispatchRequest {
  budgets: readonly BudgetState[];
  /** The estimate to reserve for this dispatch (its forecast). */
  estimateUsd: Nano;
  /** Low priority (below the policy's line, e.g. docs and refactor) is delayed and paused first. */
  lowPriority: boolean;
  /** An owner answered `/approve budget` for this dispatch. */
  approved: boolean;
}

export type DispatchDecision =
  | { kind: "dispatch" }
  | { kind: "delay"; reason: string; budget: BudgetState }
  | { kind: "needs_approval"; reason: string; budget: BudgetState }
  | { kind: "pause"; reason: string; budget: BudgetState; escalate: boolean };

/**
 * Whether a pass may be dispatched now. The most restrictive budget decides:
 * over (≥120%) pauses everything in scope and escalates to its owners; at the limit, low-priority
 * work pauses; a dispatch whose estimate exceeds what is left needs `/approve budget`;
 * approaching (≥80%), low-priority work is delayed. (Owners are told by the caller, once.)
 */
export function decideDispatch(request: DispatchRequest): DispatchDecision {
  const estimate = request.estimateUsd;
  let delay: DispatchDecision | undefined;
  let approval: DispatchDecision | undefined;
  for (const budget of request.budgets) {
    const level = budgetLevel(budget);
    const label = describeBudget(budget);
    const used = formatUsd(budget.spentUsd + budget.reservedUsd);
    if (level === "over") return { kind: "pause", reason: `${label} is over its limit: ${used} spent or held`, budget, escalate: true };
    if (level === "at_limit" && request.lowPriority) return { kind: "pause", reason: `${label} is at its limit (${used}); low-priority work waits`, budget, escalate: false };
    const left = budget.limitUsd - budget.spentUsd - budget.reservedUsd;
    if (!request.approved && estimate > left) {
      approval ??= { kind: "needs_approval", reason: `this pass is estimated at ${formatUsd(request.estimateUsd)} and ${label} has ${formatUsd(left > 0n ? left : 0n)} left; an owner can allow it with \`/approve budget\``, budget };
    }
    if (level === "approaching" && request.lowPriority) delay ??= { kind: "delay", reason: `${label} is nearly spent (${used}); low-priority work is delayed`, budget };
  }
  return approval ?? delay ?? { kind: "dispatch" };
}

export interface NextCallRequest {
  /** Every applicable budget, counting what the running pass has reserved and not yet spent. */
  budgets: readonly BudgetState[];
  /** The most the next model call can cost (its prompt and its whole output allowance). */
  callCapUsd: Nano;
  /** What the pass's reservation still holds unspent. */
  unspentUsd: Nano;
  /** An owner answered `/approve budget` for this pass. */
  approved: boolean;
}

export type NextCallDecision = { kind: "call"; topUpUsd: Nano } | { kind: "stop"; reason: string; budget: BudgetState };

/**
 * Whether a running pass may make its next model call. Its reservation must cover the call's cap;
 * when it does not, the reservation grows by the difference if every budget has that much left.
 * An owner's `/approve budget` lets the pass go past a limit, never past the over threshold
 * (default 120%), where everything in scope pauses. So budgets together are never spent past a
 * limit by more than what owners approved, and a call never costs more than its cap.
 */
export function decideNextCall(request: NextCallRequest): NextCallDecision {
  const cap = request.callCapUsd;
  const unspent = request.unspentUsd;
  const topUp = cap > unspent ? cap - unspent : 0n;
  if (topUp === 0n) return { kind: "call", topUpUsd: 0n };
  for (const budget of request.budgets) {
    const limit = budget.limitUsd;
    const ceiling = request.approved ? (limit * BigInt(Math.round(budget.thresholds.over * 1000))) / 1000n : limit;
    const available = ceiling - budget.spentUsd - budget.reservedUsd;
    if (topUp > available) {
      const left = available + unspent > 0n ? available + unspent : 0n;
      const beyond = request.approved ? ` before it passes ${Math.round(budget.thresholds.over * 100)}% of its limit` : "";
      return { kind: "stop", reason: `the next model call could cost up to ${formatUsd(request.callCapUsd, "up")} and ${describeBudget(budget)} has ${formatUsd(left, "down")} left for it${beyond}`, budget };
    }
  }
  return { kind: "call", topUpUsd: topUp };
}
