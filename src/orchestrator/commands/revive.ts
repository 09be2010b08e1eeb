import { applyDecision } from "../apply-decision.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import { reply, type CommandContext } from "./command-context.ts";

/** `/resume` on a work item that closing its issue cancelled: once the issue is open, the current pass runs again. */
export async function revive(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const issue = await github.getIssue(context.repo, item.issueNumber);
  if (issue.state !== "open") return reply(context, "the issue is closed; reopen it first, then `/resume`. Nothing was changed.");
  const passId = item.currentPass;
  const latest = passId === null ? undefined : await deps.store.latestPassRun(item.id, passId);
  if (passId === null) return reply(context, "the work item was cancelled before any pass ran, so there is nothing to run again; open a new issue for the work. Nothing was changed.");
  // A pass that ran (its PR was closed with the work item) runs as its next iteration, on a new PR.
  const iteration = latest && latest.state !== "queued" ? item.iteration + 1 : item.iteration;
  const { item: revived } = await applyDecision(
    deps,
    item.id,
    { type: "revive_requested", iteration },
    { actor: job.author, action: "resumed", detail: `the issue was reopened; ${passId} runs again (iteration ${iteration})` },
    { trigger: "resumed", feedback: latest?.feedback ?? undefined },
    (tx) => tx.updateWorkItem(item.id, { hold: null, holdPaused: false }, deps.clock.now()).then(() => undefined),
  );
  await github.reactToComment(context.repo, job.commentId, "+1");
  await refreshStatusCard(deps, github, revived.id);
}
