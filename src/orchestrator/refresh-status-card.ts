import { renderStatusCard } from "../domain/render-status-card.ts";
import { commentMarker } from "../domain/comment-marker.ts";
import { budgetOf } from "../domain/budget-policy.ts";
import { dollarsToNano } from "../domain/money.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { GitHubPort } from "./github-port.ts";
import { repoOf } from "./repo-of.ts";

export const statusCardMarker = commentMarker("status-card");

/**
 * Re-renders the work item's status card from the store and edits it in place (or posts it once).
 * `waiting`: the running pass is paused for the outside (as its run says, unless given here).
 */
export async function refreshStatusCard(deps: OrchestratorDeps, github: GitHubPort, workItemId: number, notice?: string, waiting?: string): Promise<void> {
  const item = await deps.store.getWorkItem(workItemId);
  const workflow = item.definitions?.workflow;
  const passRuns = await deps.store.listPassRuns(item.id);
  // A running pass run keeps an error only while it waits for the outside (report-waiting.ts).
  const current = passRuns.filter((run) => run.passId === item.currentPass).at(-1);
  const pausedFor = waiting ?? (item.state === "running" && current?.state === "running" ? current.error : null);
  const card = renderStatusCard({
    workflow: {
      name: item.workflow,
      passes: (workflow?.passes ?? []).map((pass) => ({ id: pass.id, agent: pass.agent, gateKind: pass.gate.kind, criteria: pass.gate.criteria })),
      budgetUsd: budgetOf(workflow),
      forecastUsd: workflow?.forecast_usd === undefined ? undefined : dollarsToNano(workflow.forecast_usd),
    },
    state: item.state,
    stateReason: item.stateReason,
    currentPass: item.currentPass,
    passRuns: passRuns.map((run) => ({ passId: run.passId, state: run.state, prNumber: run.prNumber, iteration: run.iteration, tier: run.tier, followUpIssue: run.followUpIssue, reuseNote: run.reuseNote })),
    spentUsd: await deps.store.workItemSpend(item.id),
    savedUsd: await deps.store.workItemSaving(item.id),
    audit: await deps.store.listAudit(item.id),
    pinnedSha: item.pinnedSha,
    protectionNote: item.protectionNote,
    proposal: item.proposal,
    pausedFrom: item.pausedFrom,
    tierOverride: item.tierOverride,
    forecast: item.forecastUsd === null && item.forecastBasis === null ? undefined : { usd: item.forecastUsd, basis: item.forecastBasis },
    budgetHold: item.budgetHold,
    waiting: pausedFor,
  });
  const body = notice ? `${card}\n\n> [!WARNING]\n> ${notice.replaceAll("\n", "\n> ")}` : card;
  const id = await github.upsertComment(await deps.ownApp(), repoOf(item), item.issueNumber, statusCardMarker, body, item.statusCommentId, { wholeAt: "the whole audit trail is kept in Pitwall's store with the work item" });
  if (id !== item.statusCommentId) await deps.store.updateWorkItem(item.id, { statusCommentId: id }, deps.clock.now());
}
