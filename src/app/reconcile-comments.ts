import { parseCommands } from "../commands/parse-commands.ts";
import type { WorkItemRecord } from "../domain/types.ts";
import type { IssueCommentFacts } from "../orchestrator/sweep-reads.ts";
import { appendAudit } from "../store/audit-log.ts";
import { enqueueJob } from "../store/jobs.ts";
import { commentJob, type CommentPayload } from "./inbox.ts";
import { repositoryOf, type SweepContext } from "./sweep-context.ts";

/**
 * The comments on a work item's issue or pass PR whose commands were never taken up (their
 * webhook was lost) go through the webhook's own path (`commentJob`): the same filters, the same
 * record by comment id (a comment is taken up once, whichever comes first), and the same command
 * job, which asks GitHub for the author's permission. Left alone: comments written before the work
 * item existed (their webhook would have found none) and edited ones (an edit never runs commands,
 * and what the comment said when it was written is not known).
 */
export async function reconcileComments(ctx: SweepContext, item: WorkItemRecord, number: number, isPullRequest: boolean): Promise<void> {
  // On the issue, GitHub's times are whole seconds: a comment stamped in the second the work item
  // was created may have come before it (the webhook then found no work item), so it is left alone
  // too. A pass PR is Pitwall's, opened after the work item: every comment on it came later.
  const since = isPullRequest ? new Date(Math.floor(item.createdAt.getTime() / 1000) * 1000) : item.createdAt;
  const comments = await ctx.budget.read(() => ctx.github.issueComments({ owner: item.repo.owner, repo: item.repo.name }, number, since));
  for (const comment of comments) {
    if (!comment.author || comment.createdAt !== comment.updatedAt || new Date(comment.createdAt) < since) continue;
    const commands = parseCommands(comment.body).map((parsed) => (parsed.line.split(/\s+/)[0] ?? parsed.line).toLowerCase());
    if (commands.length === 0) continue;
    const payload = commentPayload(ctx, item, number, isPullRequest, comment, comment.author);
    await ctx.sql.transaction(async (tx) => {
      const job = await commentJob(tx, `sweep:comment:${comment.id}`, payload);
      if (!job) return;
      await enqueueJob(tx, { ...job, runAt: ctx.now });
      await appendAudit(tx, { workItemId: item.id, actor: comment.author?.login ?? "ghost", action: `sweep: caught up a lost ${[...new Set(commands)].join(", ")} by @${comment.author?.login ?? "ghost"} (comment ${comment.id})`, detail: null, commitSha: null, at: ctx.now });
    });
  }
}

function commentPayload(ctx: SweepContext, item: WorkItemRecord, number: number, isPullRequest: boolean, comment: IssueCommentFacts, author: { login: string; type: string }): CommentPayload {
  return {
    action: "created",
    issue: { number, ...(isPullRequest ? { pull_request: {} } : {}) },
    comment: { id: comment.id, body: comment.body, created_at: comment.createdAt, updated_at: comment.updatedAt, user: author, performed_via_github_app: comment.viaApp ? {} : null },
    repository: repositoryOf(item.repo),
    sender: author,
    installation: { id: ctx.installationId },
  };
}
