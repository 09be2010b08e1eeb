import type { OrchestratorDeps } from "../orchestrator/deps.ts";
import type { StartWorkItemPayload } from "../orchestrator/jobs.ts";
import { startWorkItem } from "../orchestrator/start-work-item.ts";

/** The delivery id of a label the sweep found (reconcile-labels.ts) instead of its webhook. */
export const sweepLabelPrefix = "sweep:label:";

/**
 * Starts a work item as `issues.labeled` does; when the sweep found the label and this started
 * the work item, the audit trail says so (the work item did not exist when the sweep looked).
 */
export async function startCaughtUpWorkItem(deps: OrchestratorDeps, job: StartWorkItemPayload): Promise<void> {
  const issue = { owner: job.owner, name: job.repo };
  const before = job.deliveryId.startsWith(sweepLabelPrefix) ? await deps.store.findWorkItemByIssue(issue, job.issueNumber) : undefined;
  await startWorkItem(deps, job);
  if (!job.deliveryId.startsWith(sweepLabelPrefix) || before) return;
  const after = await deps.store.findWorkItemByIssue(issue, job.issueNumber);
  if (!after) return;
  await deps.store.appendAudit({ workItemId: after.id, actor: job.sender, action: `sweep: caught up a lost label ${job.label} by @${job.sender}`, detail: null, commitSha: null, at: deps.clock.now() });
}
