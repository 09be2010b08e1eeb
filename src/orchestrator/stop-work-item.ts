import { startingLabel } from "./starting-label.ts";
import { isFinal } from "../domain/work-item-state.ts";
import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds, lockKeyOf, type StopWorkItemPayload } from "./jobs.ts";
import type { WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";

/**
 * GitHub's lifecycle stops a work item: held (label removed, repository or installation gone for
 * now) or cancelled (issue closed, transferred or deleted, app uninstalled). Runs outside the
 * work item's lock: the decision and a raised stop epoch land at once, so a running pass stops
 * before its next model call or GitHub write; what the stop says on GitHub (closing the pass PRs,
 * the card) is queued under the lock, after that pass has stopped.
 */
export async function stopWorkItem(deps: OrchestratorDeps, job: StopWorkItemPayload): Promise<void> {
  const item = await deps.store.getWorkItem(job.workItemId);
  if (isFinal(item.state)) {
    // Pitwall's own close at the end of a work item, or a stop that came twice.
    await deps.store.appendAudit({ workItemId: item.id, actor: job.actor, action: job.cancel ? "issue event after the end" : "hold after the end", detail: job.reason, commitSha: null, at: deps.clock.now() });
    return;
  }
  // Webhooks arrive in any order: a label removed and quickly added back must not leave a hold.
  if (job.hold === "label_removed" && (await labelIsBack(deps, item))) {
    deps.log.info({ workItemId: item.id }, "the label was added back before its removal was handled; nothing held");
    return;
  }
  // One hold at a time: a second hold keeps the first (the one that says how to resume), a cancel replaces it.
  const keepHold = !job.cancel && item.hold !== null;
  await applyDecision(
    deps,
    item.id,
    job.cancel ? { type: "cancel_requested", reason: job.reason } : { type: "hold_requested", reason: job.reason },
    { actor: job.actor, action: job.cancel ? "cancelled" : "held", detail: job.reason },
    undefined,
    async (tx) => {
      await tx.raiseStopEpoch(item.id);
      if (!keepHold) await tx.updateWorkItem(item.id, { hold: job.hold, holdPaused: !job.cancel && item.state !== "paused" }, deps.clock.now());
      if (!job.canWrite) return;
      await tx.enqueueJob({ ...newJob(jobKinds.settleWorkItem, { workItemId: item.id, card: job.card }, { lockKey: lockKeyOf(item) }), runAt: deps.clock.now() });
    },
  );
  deps.wake();
  deps.log.info({ workItemId: item.id, cancel: job.cancel, hold: job.hold }, "work item stopped by a lifecycle event");
  // The label may have come back while the hold was applied, its release handled before the hold existed.
  if (job.hold === "label_removed" && (await labelIsBack(deps, item))) {
    await deps.enqueue(newJob(jobKinds.releaseHold, { workItemId: item.id, hold: "label_removed", actor: job.actor }, { lockKey: lockKeyOf(item) }));
  }
}

async function labelIsBack(deps: OrchestratorDeps, item: WorkItemRecord): Promise<boolean> {
  const label = startingLabel(item);
  if (label === undefined) return false;
  const labels = await (await deps.githubFor(item.installationId)).issueLabels(repoOf(item), item.issueNumber);
  return labels.some((name) => name.toLowerCase() === label.toLowerCase());
}
