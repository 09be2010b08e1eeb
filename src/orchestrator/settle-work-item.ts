import type { OrchestratorDeps } from "./deps.ts";
import type { SettleWorkItemPayload } from "./jobs.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";

/**
 * After a lifecycle stop, under the work item's lock (so a pass that was running has stopped):
 * a cancelled work item's open pass PRs are closed saying why, and the card shows the stop.
 */
export async function settleWorkItem(deps: OrchestratorDeps, job: SettleWorkItemPayload): Promise<void> {
  const item = await deps.store.getWorkItem(job.workItemId);
  const github = await deps.githubFor(item.installationId);
  if (item.state === "cancelled") {
    await performEffects(deps, github, item, [
      { kind: "close_pass_pull_requests", reason: item.stateReason ?? "the work item was cancelled" },
      ...(job.card ? [{ kind: "release_human" as const }] : []),
    ]);
  }
  if (job.card) await refreshStatusCard(deps, github, item.id);
}
