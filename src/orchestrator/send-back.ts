import { nextIteration } from "../domain/next-iteration.ts";
import type { ReworkTrigger } from "../domain/work-item-state.ts";
import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { gateExternalId } from "./gate-summary.ts";
import { escalate } from "./escalate.ts";
import type { CurrentGate } from "./gate/current-gate.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import type { GitHubPort } from "./github-port.ts";
import type { PassRunRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";

export interface SendBack {
  trigger: ReworkTrigger;
  /** One line for the card and the audit trail. */
  reason: string;
  /** Everything the agent should know for the next iteration (reasons, findings, CI failures). */
  feedback: string;
  actor: string;
  /** Set when the iteration just made produced nothing new. */
  noProgress?: string | undefined;
}

/**
 * The gate sent the pass back: run it again (same tier, or one step up) on the same PR, or hand
 * the work item to a person when the iterations are used up.
 */
export async function sendBack(deps: OrchestratorDeps, github: GitHubPort, gate: Pick<CurrentGate, "item" | "pass"> & { run: PassRunRecord }, why: SendBack): Promise<void> {
  const { item, pass, run } = gate;
  const agent = item.definitions?.agents[pass.agent];
  if (!agent) throw new Error(`work item ${item.id} has no pinned agent ${pass.agent}`);
  const baseTier = pass.tier ?? agent.tier;
  const runs = (await deps.store.listPassRuns(item.id)).filter((candidate) => candidate.passId === pass.id);
  const next = nextIteration({
    trigger: why.trigger,
    iteration: run.iteration,
    tier: run.tier ?? baseTier,
    alreadySteppedUp: runs.some((candidate) => candidate.tierReason?.startsWith("escalated") === true),
    gate: pass.gate,
    agentEscalation: agent.escalation,
    ciFixes: why.trigger === "ci_failed" ? { done: runs.filter((candidate) => candidate.trigger === "ci_failed").length, max: pass.ci_feedback?.max_iterations ?? 2 } : undefined,
    noProgress: why.noProgress,
  });
  const audit = { actor: why.actor, commitSha: run.headSha };
  if (next.kind === "rerun") {
    const steppedUp = next.tier !== (run.tier ?? baseTier);
    await applyDecision(
      deps,
      item.id,
      { type: "rework_requested", passId: pass.id, iteration: next.iteration, trigger: why.trigger, reason: why.reason },
      { ...audit, action: `${pass.id} sent back (${why.trigger.replace("_", " ")})`, detail: `${why.reason} → iteration ${next.iteration}${steppedUp ? ` on the ${next.tier} tier` : ""}` },
      { trigger: why.trigger, tier: next.tier, tierReason: steppedUp ? `escalated: ${next.why}` : next.tier !== baseTier ? `kept from iteration ${run.iteration}` : undefined, feedback: why.feedback },
    );
    // The sent-back iteration's gate will never be met: close its check run instead of leaving it pending.
    if (run.gateCheckRunId !== null && run.headSha !== null) {
      await github.upsertCheckRun(
        repoOf(item),
        { name: "pitwall/gate", headSha: run.headSha, externalId: gateExternalId(item.id, pass.id, run.iteration), status: "completed", conclusion: "neutral", title: `Sent back: iteration ${next.iteration} follows`, summary: `${why.reason}\n\nIteration ${next.iteration} of \`${pass.id}\` will push a new commit to this pull request; its gate is judged there.` },
        run.gateCheckRunId,
      );
    }
    await refreshStatusCard(deps, github, item.id);
    return;
  }
  if (next.kind === "give_up") {
    await applyDecision(deps, item.id, { type: "pass_failed", passId: pass.id, reason: next.why }, { ...audit, action: `${pass.id} failed`, detail: next.why });
    await refreshStatusCard(deps, github, item.id);
    return;
  }
  await escalate(deps, github, item.id, pass.id, next.why, { ...audit, detail: why.noProgress ? next.why : `${why.reason}; ${next.why}` });
}
