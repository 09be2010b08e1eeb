import type { PassDefinition } from "../definitions/workflow.schema.ts";
import { budgetLevel, decideDispatch, describeBudget, type BudgetState, type DispatchDecision } from "../domain/budget-policy.ts";
import { dollarsToNano, formatUsd, type Nano } from "../domain/money.ts";
import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { isLowPriority } from "../scheduler/job-priority.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds, type BudgetPeriodStartedPayload } from "./jobs.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import type { GitHubPort } from "./github-port.ts";
import type { PassRunRecord, SpendScope, WorkItemRecord } from "../domain/types.ts";
import type { Store } from "./store-port.ts";
import { repoOf } from "./repo-of.ts";
import { lockKeyOf } from "./jobs.ts";

/** The label a work item carries while a budget holds it. */
export const budgetPausedLabel = "pitwall:paused-budget";

/** How long a low-priority pass waits when a budget is nearly spent before it asks again. */
const delayMs = 15 * 60_000;

export interface ApplicableBudget {
  state: Omit<BudgetState, "spentUsd" | "reservedUsd">;
  scope: SpendScope;
  period: "monthly" | "total";
}

/** The budgets whose scope covers this work item, from its pinned config (and the workflow's `budget_usd`). */
export function applicableBudgets(item: WorkItemRecord): ApplicableBudget[] {
  const config = item.definitions?.config.budgets;
  const workflow = item.definitions?.workflow;
  if (!workflow) return [];
  const thresholds = config?.thresholds ?? { approaching: 0.8, over: 1.2 };
  const repoName = `${item.repo.owner}/${item.repo.name}`;
  const budgets: ApplicableBudget[] = [];
  if (config?.installation) budgets.push({ state: { scope: "installation", name: item.repo.owner, limitUsd: dollarsToNano(config.installation.limit_usd), owners: config.installation.owners, thresholds }, scope: { scope: "installation", installationId: item.installationId }, period: config.installation.period });
  if (config?.repo) budgets.push({ state: { scope: "repo", name: repoName, limitUsd: dollarsToNano(config.repo.limit_usd), owners: config.repo.owners, thresholds }, scope: { scope: "repo", owner: item.repo.owner, repo: item.repo.name }, period: config.repo.period });
  const forWorkflow = config?.workflows[workflow.name];
  if (forWorkflow) budgets.push({ state: { scope: "workflow", name: `${workflow.name} in ${repoName}`, limitUsd: dollarsToNano(forWorkflow.limit_usd), owners: forWorkflow.owners, thresholds }, scope: { scope: "workflow", owner: item.repo.owner, repo: item.repo.name, workflow: workflow.name }, period: forWorkflow.period });
  const workItemLimit = config?.work_item?.limit_usd ?? workflow.budget_usd;
  if (workItemLimit !== undefined) {
    const owners = config?.work_item?.owners ?? config?.repo?.owners ?? [item.initiator];
    budgets.push({ state: { scope: "work_item", name: `#${item.issueNumber}`, limitUsd: dollarsToNano(workItemLimit), owners, thresholds }, scope: { scope: "work_item", workItemId: item.id }, period: "total" });
  }
  return budgets;
}

/** Everyone who may `/approve budget` for this work item. */
export function budgetOwners(item: WorkItemRecord): string[] {
  return [...new Set(applicableBudgets(item).flatMap((budget) => budget.state.owners))];
}

/** What a pass is expected to cost: its share of the work item's forecast. */
export function passEstimate(item: WorkItemRecord): Nano {
  const passes = Math.max(1, item.definitions?.workflow.passes.length ?? 1);
  const forecast = item.forecastUsd ?? (item.definitions?.workflow.forecast_usd !== undefined ? dollarsToNano(item.definitions.workflow.forecast_usd) : 500_000_000n);
  const share = forecast / BigInt(passes);
  return share > 10_000_000n ? share : 10_000_000n;
}

function periodStart(period: "monthly" | "total", now: Date): Date {
  return period === "total" ? new Date(0) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** The period of one of the applicable budgets (by its scope and name). */
function periodOf(budgets: readonly ApplicableBudget[], state: Pick<BudgetState, "scope" | "name">): "monthly" | "total" {
  return budgets.find((budget) => budget.state.scope === state.scope && budget.state.name === state.name)?.period ?? "total";
}

/** When a monthly budget starts afresh (the first of next month, UTC). */
function nextPeriodStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/**
 * Asks the budgets before a pass runs. Dispatch: the estimate is reserved (in the same
 * transaction as the check, under a lock, so concurrent passes never overshoot together) and the
 * pass runs, told how much pressure the budgets are under. Otherwise the pass waits — delayed,
 * or held for `/approve budget` (label, owners told).
 */
export type BudgetPressure = "none" | "approaching" | "at_limit";

export async function admitDispatch(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, pass: PassDefinition, run: PassRunRecord): Promise<{ admitted: boolean; pressure: BudgetPressure }> {
  const budgets = applicableBudgets(item);
  if (budgets.length === 0 || (await deps.store.hasHeldReservation(run.id))) return { admitted: true, pressure: "none" };
  const repo = repoOf(item);
  const now = deps.clock.now();
  const approved = item.budgetApprovedFor === `${pass.id}:${run.iteration}`;
  const estimateUsd = passEstimate(item);
  const lowPriority = isLowPriority(item.definitions?.workflow, item.definitions?.config.budgets?.low_priority_below);
  const { decision, states } = await reserveWithinBudgets(deps.store, { budgets, estimateUsd, lowPriority, approved, forecastUsd: item.forecastUsd, hold: { workItemId: item.id, passRunId: run.id }, now });
  // Owners hear once per period that a budget is nearly spent, whatever this dispatch's fate.
  for (const budget of states.filter((state) => budgetLevel(state) !== "ok")) {
    const fresh = await deps.store.recordNotice({ scope: budget.scope, name: budget.name, periodStart: periodStart(periodOf(budgets, budget), now), level: "approaching", now });
    if (fresh) await github.postComment(repo, item.issueNumber, `🏁 ${mentions(budget.owners)} ${describeBudget(budget)} is past ${Math.round(budget.thresholds.approaching * 100)}% of its limit (${formatUsd(budget.spentUsd + budget.reservedUsd)} spent or held). Low-priority passes in its scope are delayed.`);
  }

  if (decision.kind === "dispatch") {
    if (item.budgetHold !== null) {
      await deps.store.updateWorkItem(item.id, { budgetHold: null }, now);
      await github.removeLabel(repo, item.issueNumber, budgetPausedLabel);
    }
    // Pressure lets agents that allow it run one tier down.
    const levels = states.map((state) => budgetLevel(state));
    return { admitted: true, pressure: levels.includes("at_limit") || levels.includes("over") ? "at_limit" : levels.includes("approaching") ? "approaching" : "none" };
  }
  if (decision.kind === "delay") {
    await deps.enqueue(
      newJob(
        jobKinds.runPass,
        { workItemId: item.id, passId: pass.id, iteration: run.iteration },
        { lockKey: lockKeyOf(item), runAt: new Date(now.getTime() + delayMs) },
        { workflow: item.definitions?.workflow },
      ),
    );
    await refreshStatusCard(deps, github, item.id, `Pass \`${pass.id}\` is delayed: ${decision.reason}. Pitwall asks again in 15 minutes.`);
    return { admitted: false, pressure: "approaching" };
  }
  await holdForBudget(deps, github, item, { passId: pass.id, iteration: run.iteration }, decision, `pass \`${pass.id}\` is held`);
  return { admitted: false, pressure: "at_limit" };
}

export type BudgetHold = Extract<DispatchDecision, { kind: "needs_approval" | "pause" }>;

/**
 * A budget holds the work item's current pass back (before it runs, or before its next model
 * call): the work item pauses with the label, its owners are told what answers it, and a
 * monthly budget looks at it again when its next period starts.
 */
export async function holdForBudget(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, at: { passId: string; iteration: number }, decision: BudgetHold, what: string): Promise<void> {
  const repo = repoOf(item);
  const budgets = applicableBudgets(item);
  const now = deps.clock.now();
  const reason = decision.reason;
  const { item: held } = await applyDecision(deps, item.id, { type: "budget_held", reason }, { actor: "pitwall", action: `${at.passId} held by a budget`, detail: reason });
  await deps.store.updateWorkItem(held.id, { budgetHold: reason, budgetApprovedFor: null }, now);
  await github.addLabel(repo, item.issueNumber, budgetPausedLabel);
  // A monthly budget starts afresh on the first of next month: the held pass is looked at again then.
  const resetAt = periodOf(budgets, decision.budget) === "monthly" ? nextPeriodStart(now) : undefined;
  const resetDay = resetAt?.toISOString().slice(0, 10);
  if (resetAt) {
    await deps.enqueue(
      newJob(
        jobKinds.budgetPeriodStarted,
        { workItemId: item.id, passId: at.passId, iteration: at.iteration },
        {
          lockKey: lockKeyOf(item),
          runAt: resetAt,
          dedupeKey: `budget-period:${item.id}:${at.passId}:${at.iteration}:${resetAt.toISOString()}`,
        },
        { workflow: item.definitions?.workflow },
      ),
    );
  }
  const escalate = decision.kind === "pause" && decision.escalate;
  const until = resetDay ? `until an owner raises the limit or the budget's next period starts on ${resetDay}` : "until an owner raises the limit";
  const answer = decision.kind === "needs_approval" ? "An owner can let it run with `/approve budget`." : escalate ? `Everything in this budget's scope is paused ${until}.` : `It continues when the budget allows${resetDay ? ` (at the latest when its next period starts on ${resetDay})` : ""}, or an owner answers \`/approve budget\`.`;
  await github.postComment(repo, item.issueNumber, `🏁 ${mentions(decision.budget.owners)} ${what}: ${reason}. ${answer}`);
  await refreshStatusCard(deps, github, item.id);
}

/**
 * A monthly budget's new period started: a pass it held (and still holds, nobody released it)
 * is dispatched again; the budgets decide afresh on the new period's spend.
 */
export async function resumeForNewBudgetPeriod(deps: OrchestratorDeps, job: BudgetPeriodStartedPayload): Promise<void> {
  const item = await deps.store.getWorkItem(job.workItemId);
  if (!heldByBudget(item) || item.currentPass !== job.passId || item.iteration !== job.iteration) return;
  await releaseBudgetHold(deps, await deps.githubFor(item.installationId), item, { actor: "pitwall", action: "budget period started", detail: `${job.passId} (iteration ${job.iteration}) is dispatched again: ${item.budgetHold}` });
}

/** Whether a budget holds the work item's next dispatch back (it is paused for it). */
export function heldByBudget(item: WorkItemRecord): item is WorkItemRecord & { budgetHold: string; currentPass: string } {
  return item.state === "paused" && item.budgetHold !== null && item.currentPass !== null;
}

/** Lets the held dispatch go again (`/approve budget`, a new budget period): the budgets decide afresh when it runs. */
export async function releaseBudgetHold(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, audit: { actor: string; action: string; detail: string }): Promise<void> {
  if (item.hold !== null) {
    // A lifecycle hold (label removed, installation suspended …) still stands: the work item resumes when it is released.
    await deps.store.updateWorkItem(item.id, { holdPaused: true }, deps.clock.now());
    await deps.store.appendAudit({ workItemId: item.id, actor: audit.actor, action: audit.action, detail: `${audit.detail}; still held: ${item.stateReason ?? item.hold}`, commitSha: null, at: deps.clock.now() });
    await refreshStatusCard(deps, github, item.id);
    return;
  }
  const { item: resumed, effects } = await applyDecision(deps, item.id, { type: "resume_requested" }, audit);
  await refreshStatusCard(deps, github, resumed.id);
  await performEffects(deps, github, resumed, effects);
}

/** Each budget with its spend in its current period and what is reserved in its scope (inside the lock). */
export async function readBudgetStates(tx: Store, budgets: readonly ApplicableBudget[], now: Date): Promise<BudgetState[]> {
  const states: BudgetState[] = [];
  for (const budget of budgets) states.push({ ...budget.state, ...(await tx.spendInScope(budget.scope, periodStart(budget.period, now))) });
  return states;
}

export interface ReserveRequest {
  budgets: readonly ApplicableBudget[];
  estimateUsd: Nano;
  lowPriority: boolean;
  approved: boolean;
  /** The work item's forecast: above its own budget, the first dispatch asks for `/approve budget`. */
  forecastUsd: Nano | null;
  hold: { workItemId: number; passRunId: number };
  now: Date;
}

/**
 * Reads every budget's spend and reservations, decides, and holds the estimate when the pass may
 * run — all in one transaction under one lock, so passes dispatched at the same time (on any
 * worker or replica) can never together reserve past a limit.
 */
export async function reserveWithinBudgets(store: Store, request: ReserveRequest): Promise<{ decision: DispatchDecision; states: BudgetState[]; reservationId?: number }> {
  return store.transaction(async (tx) => {
    await tx.lockBudgets();
    const states = await readBudgetStates(tx, request.budgets, request.now);
    const workItem = states.find((state) => state.scope === "work_item");
    if (!request.approved && workItem && request.forecastUsd !== null && request.forecastUsd > workItem.limitUsd && workItem.spentUsd === 0n) {
      const decision: DispatchDecision = { kind: "needs_approval", reason: `the forecast of ${formatUsd(request.forecastUsd)} is above the work item's budget of ${formatUsd(workItem.limitUsd)}; an owner can start it with \`/approve budget\``, budget: workItem };
      return { decision, states };
    }
    const decision = decideDispatch({ budgets: states, estimateUsd: request.estimateUsd, lowPriority: request.lowPriority, approved: request.approved });
    if (decision.kind !== "dispatch") return { decision, states };
    return { decision, states, reservationId: await tx.holdReservation({ ...request.hold, estimateUsd: request.estimateUsd, now: request.now }) };
  });
}


/** "@alice @bob", to notify people in a comment. */
export function mentions(owners: readonly string[]): string {
  return owners.map((owner) => `@${owner}`).join(" ");
}
