import type { WorkItemRecord } from "../domain/types.ts";
import { startingLabel } from "../orchestrator/starting-label.ts";
import { appendAudit } from "../store/audit-log.ts";
import { enqueueJob } from "../store/jobs.ts";
import { issueLifecycleJob, type IssueLifecyclePayload } from "./lifecycle-job.ts";
import { repositoryOf, type SweepContext } from "./sweep-context.ts";
import { takeUpLabel } from "./take-up-label.ts";

/**
 * A work item's issue compared with GitHub: closed, or its starting label gone, while Pitwall
 * still runs it; or the label put back while its removal holds the work item. What the lost `issues.closed` / `issues.unlabeled` would have done goes through
 * the webhook's own path (`issueLifecycleJob`, which leaves alone the issues Pitwall closed itself
 * and labels bots removed). Returns whether the issue is closed (nothing else is compared then).
 */
export async function reconcileIssueState(ctx: SweepContext, item: WorkItemRecord): Promise<boolean> {
  const repo = { owner: item.repo.owner, repo: item.repo.name };
  const issue = await ctx.budget.read(() => ctx.github.issueState(repo, item.issueNumber));
  const base = { issue: { number: item.issueNumber }, repository: repositoryOf(item.repo), installation: { id: ctx.installationId } };
  if (issue.state === "closed") {
    if (item.hold === "issue_closed" || !issue.closedBy) return true;
    const sender = issue.closedBy;
    await takeUp(ctx, item, `sweep:closed:${item.id}:${sender.login}`, { action: "closed", ...base, sender }, `close of the issue by @${sender.login}`);
    return true;
  }
  const label = startingLabel(item);
  const labelled = label !== undefined && issue.labels.some((name) => name.toLowerCase() === label.toLowerCase());
  // Removed while it runs (hold it), or put back while the removal holds it (release it).
  const lost = labelled ? item.hold === "label_removed" : item.hold === null && item.state !== "blocked";
  if (!label || !lost) return false;
  const events = await ctx.budget.read(() => ctx.github.labelEvents(repo, item.issueNumber));
  const last = events.findLast((event) => event.event === (labelled ? "labeled" : "unlabeled") && event.label.toLowerCase() === label.toLowerCase());
  if (!last?.actor) return false;
  if (labelled) await takeUpLabel(ctx, item.repo, { number: item.issueNumber, title: item.issueTitle, author: item.issueAuthor }, { ...last, actor: last.actor }, item.id);
  else await takeUp(ctx, item, `sweep:unlabeled:${last.id}`, { action: "unlabeled", label: { name: last.label }, ...base, sender: last.actor }, `removal of the ${label} label by @${last.actor.login}`);
  return false;
}

async function takeUp(ctx: SweepContext, item: WorkItemRecord, deliveryId: string, payload: IssueLifecyclePayload, what: string): Promise<void> {
  const ownLogin = await ctx.ownLogin();
  await ctx.sql.transaction(async (tx) => {
    const job = await issueLifecycleJob(tx, deliveryId, payload, ownLogin);
    if (!job) return;
    await enqueueJob(tx, { ...job, runAt: ctx.now });
    await appendAudit(tx, { workItemId: item.id, actor: payload.sender.login, action: `sweep: caught up a lost ${what}`, detail: null, commitSha: null, at: ctx.now });
  });
}
