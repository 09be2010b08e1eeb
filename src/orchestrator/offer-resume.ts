import type { OrchestratorDeps } from "./deps.ts";
import type { IssueReopenedPayload } from "./jobs.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { repoOf } from "./repo-of.ts";

/** The issue was reopened: a work item its closing cancelled can go on with `/resume`. */
export async function offerResume(deps: OrchestratorDeps, job: IssueReopenedPayload): Promise<void> {
  const item = await deps.store.getWorkItem(job.workItemId);
  // Pitwall's own reopen (`/rerun`) or a work item that ended otherwise: nothing to offer.
  if (item.state !== "cancelled" || item.hold !== "issue_closed" || item.currentPass === null) return;
  const github = await deps.githubFor(item.installationId);
  await deps.store.appendAudit({ workItemId: item.id, actor: job.actor, action: "issue reopened", detail: "`/resume` runs the current pass again", commitSha: null, at: deps.clock.now() });
  await github.postComment(
    repoOf(item),
    item.issueNumber,
    `🏁 @${job.actor} the issue is open again. Its work item was cancelled when the issue was closed; reply \`/resume\` (write access) to run pass \`${item.currentPass}\` again on a new pull request.`,
  );
  await refreshStatusCard(deps, github, item.id);
}
