import type { LabelEventFacts } from "../orchestrator/sweep-reads.ts";
import { appendAudit } from "../store/audit-log.ts";
import { recordHandledEvent } from "../store/handled-events.ts";
import { enqueueJob } from "../store/jobs.ts";
import { labeledJob } from "./inbox.ts";
import { sweepLabelPrefix } from "./start-caught-up-work-item.ts";
import { repositoryOf, type SweepContext } from "./sweep-context.ts";

/**
 * A label the sweep found on an issue (its webhook lost), through the webhook's own path
 * (`labeledJob`: a person's starting label on an issue). Each label event is taken up once, so a
 * label that starts nothing (an unknown workflow) is not answered again every round. The audit
 * line is written now when the work item exists (a held one the label releases), else by the
 * start job once it has created it.
 */
export async function takeUpLabel(ctx: SweepContext, repo: { owner: string; name: string }, issue: { number: number; title: string; author: string | null }, event: LabelEventFacts & { actor: { login: string; type: string } }, workItemId?: number): Promise<void> {
  const job = labeledJob(`${sweepLabelPrefix}${event.id}`, {
    action: "labeled",
    label: { name: event.label },
    issue: { number: issue.number, title: issue.title, user: issue.author === null ? null : { login: issue.author } },
    repository: repositoryOf(repo),
    sender: event.actor,
    installation: { id: ctx.installationId },
  });
  if (!job) return;
  await ctx.sql.transaction(async (tx) => {
    if (!(await recordHandledEvent(tx, `label-event:${repo.owner}/${repo.name}#${issue.number}:${event.id}`.toLowerCase()))) return;
    await enqueueJob(tx, { ...job, runAt: ctx.now });
    if (workItemId !== undefined) await appendAudit(tx, { workItemId, actor: event.actor.login, action: `sweep: caught up a lost label ${event.label} by @${event.actor.login}`, detail: null, commitSha: null, at: ctx.now });
  });
  ctx.log.info({ installationId: ctx.installationId, repo: `${repo.owner}/${repo.name}`, issueNumber: issue.number, label: event.label }, "sweep: a starting label whose webhook was lost");
}
