import { commentMarker, upsertComment } from "../github/comments.ts";
import type { GitHub } from "../github/octokit.ts";
import { listAudit } from "../store/audit-log.ts";
import { workItemSaving, workItemSpend } from "../store/ledger.ts";
import { listPassRuns } from "../store/pass-runs.ts";
import { getWorkItem, updateWorkItem } from "../store/work-items.ts";
import { renderStatusCard } from "../domain/render-status-card.ts";
import { budgetOf } from "../domain/budget-policy.ts";
import { dollarsToNano } from "../domain/money.ts";
import type { EngineDeps } from "./deps.ts";

export const statusCardMarker = commentMarker("status-card");

/** Re-renders the work item's status card from the store and edits it in place (or posts it once). */
export async function refreshStatusCard(deps: EngineDeps, gh: GitHub, workItemId: number, notice?: string): Promise<void> {
  const item = await getWorkItem(deps.sql, workItemId);
  const workflow = item.definitions?.workflow;
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
    passRuns: (await listPassRuns(deps.sql, item.id)).map((run) => ({ passId: run.passId, state: run.state, prNumber: run.prNumber, iteration: run.iteration, tier: run.tier, followUpIssue: run.followUpIssue, reuseNote: run.reuseNote })),
    spentUsd: await workItemSpend(deps.sql, item.id),
    savedUsd: await workItemSaving(deps.sql, item.id),
    audit: await listAudit(deps.sql, item.id),
    pinnedSha: item.pinnedSha,
    protectionNote: item.protectionNote,
    proposal: item.proposal,
    pausedFrom: item.pausedFrom,
    tierOverride: item.tierOverride,
    forecast: item.forecastUsd === null && item.forecastBasis === null ? undefined : { usd: item.forecastUsd, basis: item.forecastBasis },
    budgetHold: item.budgetHold,
  });
  const body = notice ? `${card}\n\n> [!WARNING]\n> ${notice.replaceAll("\n", "\n> ")}` : card;
  const id = await upsertComment(gh, await deps.ownApp(), { owner: item.repo.owner, repo: item.repo.name }, item.issueNumber, statusCardMarker, body, item.statusCommentId, { wholeAt: "the whole audit trail is kept in Pitwall's store with the work item" });
  if (id !== item.statusCommentId) await updateWorkItem(deps.sql, item.id, { statusCommentId: id }, deps.clock.now());
}
