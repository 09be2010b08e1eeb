import type { PassRunRecord, WorkItemRecord } from "../domain/types.ts";
import { appendAudit } from "../store/audit-log.ts";
import { listGateDecisions } from "../store/gate-decisions.ts";
import { enqueueJob } from "../store/jobs.ts";
import { passEventJob, type PassEventDelivery } from "./inbox.ts";
import { passEventKey } from "./pass-event-key.ts";
import { repositoryOf, type SweepContext } from "./sweep-context.ts";

/** What a webhook would have said, and how the audit trail names it when the sweep finds it. */
interface Finding {
  delivery: PassEventDelivery;
  what: string;
  actor: string;
}

/**
 * A pass PR at its gate, compared with GitHub: closed or merged, approving reviews, the repo's CI
 * on its head. Each finding goes through the webhook's own path (`passEventJob`), which takes an
 * event up once by its identity on GitHub whichever of the webhook and the sweep comes first.
 */
export async function reconcilePassPr(ctx: SweepContext, item: WorkItemRecord, run: PassRunRecord & { prNumber: number; headSha: string }): Promise<void> {
  const repo = { owner: item.repo.owner, repo: item.repo.name };
  const base = { repository: repositoryOf(item.repo), installation: { id: ctx.installationId } };
  const facts = await ctx.budget.read(() => ctx.github.pullRequestFacts(repo, run.prNumber), 2);
  if (facts.state === "closed") {
    const sender = facts.closedBy ?? { login: "ghost", type: "User" };
    const pull = { number: run.prNumber, merged: facts.merged, merge_commit_sha: facts.mergeCommitSha, head: { sha: facts.headSha, ref: run.branch ?? "" } };
    await takeUp(ctx, item, { delivery: { name: "pull_request", payload: { action: "closed", pull_request: pull, sender, ...base } }, what: `${facts.merged ? "merge" : "close"} of #${run.prNumber} by @${sender.login}`, actor: sender.login });
    return;
  }
  const reviews = await ctx.budget.read(() => ctx.github.reviews(repo, run.prNumber));
  // Only approvals of the head count at the gate; one the gate already recorded (its webhook came
  // before reviews were recorded by id) is not taken up again.
  const decided = (await listGateDecisions(ctx.sql, run.id)).filter((decision) => decision.source === "review" && decision.commitSha === run.headSha).map((decision) => decision.actor.toLowerCase());
  for (const review of reviews) {
    if (review.state.toLowerCase() !== "approved" || !review.author || review.commitSha !== run.headSha || decided.includes(review.author.login.toLowerCase())) continue;
    const payload = { action: "submitted", review: { id: review.id, state: "approved", commit_id: run.headSha, user: review.author }, pull_request: { number: run.prNumber }, sender: review.author, ...base };
    await takeUp(ctx, item, { delivery: { name: "pull_request_review", payload }, what: `approving review by @${review.author.login} (review ${review.id})`, actor: review.author.login });
  }
  const checks = await ctx.budget.read(() => ctx.github.repoChecks(repo, run.headSha), 2);
  for (const check of checks) {
    if (check.status !== "completed" || check.conclusion === null) continue;
    const what = `CI result ${check.name} (${check.conclusion}) on ${run.headSha.slice(0, 7)}`;
    const ci = { login: "ci", type: "Bot" };
    const delivery: PassEventDelivery =
      check.checkRunId === undefined
        ? { name: "status", payload: { id: check.statusId, sha: run.headSha, state: check.conclusion, context: check.name, sender: ci, ...base } }
        : { name: "check_run", payload: { action: "completed", check_run: { id: check.checkRunId, name: check.name, head_sha: run.headSha, status: "completed", conclusion: check.conclusion }, sender: ci, ...base } };
    await takeUp(ctx, item, { delivery, what, actor: "pitwall" });
  }
}

async function takeUp(ctx: SweepContext, item: WorkItemRecord, finding: Finding): Promise<void> {
  await ctx.sql.transaction(async (tx) => {
    const job = await passEventJob(tx, `sweep:${passEventKey(finding.delivery) ?? item.id}`, finding.delivery);
    if (!job) return;
    await enqueueJob(tx, { ...job, runAt: ctx.now });
    await appendAudit(tx, { workItemId: item.id, actor: finding.actor, action: `sweep: caught up a lost ${finding.what}`, detail: null, commitSha: null, at: ctx.now });
  });
}
