import { checkProposedFiles, describeOutputProblems } from "../../agents/safe-outputs.ts";
import type { CachedRun } from "../../domain/types.ts";
import type { RepoReads } from "../../domain/pass-outcome.ts";
import { sumNano } from "../../domain/money.ts";
import { neutraliseModelText } from "../../domain/neutralise-model-text.ts";
import type { ModelRef } from "../../providers/types.ts";
import { throwIfModelsDown } from "../throw-if-models-down.ts";
import { holdForBudget, type BudgetHold } from "../budget-gate.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { recordRedactions } from "../model-calls.ts";
import type { NextCallStop } from "../spend-guard.ts";
import type { PassAgentContext } from "./assemble-pass-context.ts";
import { callPassAgent } from "./call-pass-agent.ts";
import { failPass } from "./fail-pass.ts";
import { filesOf } from "./files-of.ts";
import type { PassSpending } from "./guard-pass-spending.ts";
import type { PreparedPass } from "./prepare-pass.ts";

/** What the agent proposed, checked and ready to commit. */
export interface AgentOutcome {
  files: { path: string; content: string }[];
  /** The agent's summary, neutralised: no closing keyword, mention or image of the model's acts on GitHub. */
  summary: string;
  ref: ModelRef;
  /** What a cached run's tool loop read (the context is read now). */
  cachedReads: RepoReads | undefined;
}

/**
 * Runs the pass's agent (or reuses a cached run) and checks what it proposes. Undefined when the
 * pass failed or waits for a budget; throws WaitError when every model of the tier is down for now.
 */
export async function runPassAgent(deps: OrchestratorDeps, prepared: PreparedPass, spending: PassSpending, context: PassAgentContext): Promise<AgentOutcome | undefined> {
  const { item, agent, pass, run, route, folder } = prepared;
  const { guard } = spending;
  const { result, cached, cacheKey } = await callPassAgent(deps, prepared, spending, context);
  // The reservation gives way to what the run actually cost.
  await guard.settle();
  if (result.switches.length > 0) await deps.store.updatePassRun(run.id, { switches: result.switches });
  await recordRedactions(deps, item.id, agent.name, result.redactions);
  // Every model of the tier is down for now (overloaded, rate limited, no answer in time): the
  // pass pauses and its job runs again later by itself, without spending an attempt, for as
  // long as the wait budget lasts (job-errors.ts `maxWaits`); only then does the pass fail.
  throwIfModelsDown(result, route.tier);
  if (!result.ok && guard.stopped) {
    await waitForBudget(deps, prepared, result.error, guard.stopped, guard.approved);
    return undefined;
  }
  if (!result.ok) {
    await failPass(deps, prepared, `the ${agent.name} agent did not produce ${pass.outputs.join(", ")}: ${neutraliseModelText(result.error)}`);
    return undefined;
  }
  // Safe outputs: every proposed file is checked (access, guarded paths, sizes, secrets) before
  // Pitwall writes anything.
  const written = cached ? cached.entry.written : (context.loop.workspace?.changes() ?? []);
  const files = filesOf(result.submission, folder, written);
  const problems = checkProposedFiles(files, agent.access.write);
  if (problems.length > 0) {
    await failPass(deps, prepared, `Pitwall did not commit what the ${agent.name} agent proposed: ${neutraliseModelText(describeOutputProblems(problems))}`);
    return undefined;
  }
  // Only outputs that passed the checks are worth reusing.
  if (!cached) {
    const entry: CachedRun = { submission: result.submission, written, reads: context.observed.reads(), provider: result.ref.provider, model: result.ref.model };
    await storeCachedRun(deps, prepared, cacheKey, entry);
  }
  // The writers redact what goes to GitHub (commit message, PR body); the model's summary and
  // file names are data there: no closing keyword, mention or image of theirs acts on GitHub.
  // The files themselves are committed as written.
  return { files, summary: neutraliseModelText(result.submission.summary), ref: result.ref, cachedReads: cached?.entry.reads };
}

/**
 * A budget has no room for the next call: the pass waits for an owner (or the next period)
 * and runs again from the start; what it spent so far stays on the ledger.
 */
async function waitForBudget(deps: OrchestratorDeps, prepared: PreparedPass, error: string, stopped: NextCallStop, approved: boolean): Promise<void> {
  const { fence, github, item, pass, run, queued } = prepared;
  // The tier is chosen afresh then (as queued: an escalation stands, budget pressure may step down).
  await fence.check();
  await deps.store.updatePassRun(run.id, { state: "queued", error, tier: queued.tier, tierReason: queued.tierReason });
  // Already approved, it stopped short of the over threshold: it waits for the budget or another approval.
  const hold: BudgetHold = approved ? { kind: "pause", reason: stopped.reason, budget: stopped.budget, escalate: false } : { kind: "needs_approval", reason: stopped.reason, budget: stopped.budget };
  await holdForBudget(deps, github, item, { passId: pass.id, iteration: run.iteration }, hold, `pass \`${pass.id}\` stopped`);
}

/** The run's outputs under its cache key, with what the run cost. */
async function storeCachedRun(deps: OrchestratorDeps, prepared: PreparedPass, key: string, entry: CachedRun): Promise<void> {
  const { item, run, agent, pass } = prepared;
  const cost = sumNano((await deps.store.listLedger({ workItemId: item.id, passRunId: run.id })).map((row) => row.usd));
  await deps.store.storeCachedRun({ key, agent: agent.name, passId: pass.id, entry, costUsd: cost, now: deps.clock.now() });
}
