import { applyDecision, type GitHubEffect } from "./apply-decision.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import type { EngineDeps } from "./deps.ts";
import { actOnGate } from "./act-on-gate.ts";
import { postWorkItemCost } from "./model-calls.ts";
import type { GitHubPort, Repo } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";

/** The label a work item carries while a person must act. */
export const needsHumanLabel = "pitwall:needs-human";

export async function performEffects(deps: EngineDeps, github: GitHubPort, item: WorkItemRecord, effects: readonly GitHubEffect[]): Promise<void> {
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  for (const effect of effects) {
    switch (effect.kind) {
      case "close_issue":
        // The final cost summary, in the same comment `/cost` keeps up to date.
        await postWorkItemCost(deps, github, item, true);
        await github.closeIssue(repo, item.issueNumber);
        break;
      case "reopen_issue":
        await github.reopenIssue(repo, item.issueNumber);
        break;
      case "hand_to_human": {
        await github.addLabel(repo, item.issueNumber, needsHumanLabel);
        const pass = item.definitions?.workflow.passes.find((candidate) => candidate.id === effect.passId);
        const approvers = pass && typeof pass.gate.approvers === "object" ? pass.gate.approvers.users.map((user) => `@${user}`).join(" ") : `@${item.initiator}`;
        await github.postComment(
          repo,
          item.issueNumber,
          `🏁 ${approvers} Pitwall needs a person on pass \`${effect.passId}\`: ${effect.reason}.\n\nYou can \`/approve\` the pass as it stands, \`/reject <why>\` or \`/retry\` to run it again (optionally after \`/tier frontier\`), or \`/cancel\` the work item.`,
        );
        break;
      }
      case "release_human":
        await github.removeLabel(repo, item.issueNumber, needsHumanLabel);
        break;
      case "close_pass_pull_requests":
        for (const run of await deps.store.listPassRuns(item.id)) {
          if (run.prNumber === null || run.state === "merged" || run.state === "closed") continue;
          await github.closePullRequest(repo, run.prNumber, `🏁 Closed by Pitwall: ${effect.reason}`);
          await deps.store.updatePassRun(run.id, { state: "closed", finishedAt: deps.clock.now() });
        }
        break;
      case "reevaluate_gate":
        await actOnGate(deps, github, item.id);
        break;
      default:
        assertNever(effect);
    }
  }
}

/**
 * Hands the work item to a person: the decision (with its audit entry), the card, then the
 * label and the mention. Returns the work item as it now is.
 */
export async function escalate(
  deps: EngineDeps,
  github: GitHubPort,
  workItemId: number,
  passId: string,
  reason: string,
  audit: { actor: string; action?: string; detail?: string; commitSha?: string | null },
): Promise<WorkItemRecord> {
  const { item, effects } = await applyDecision(deps, workItemId, { type: "escalated", passId, reason }, { actor: audit.actor, action: audit.action ?? `${passId} handed to a person`, detail: audit.detail ?? reason, commitSha: audit.commitSha ?? null });
  await refreshStatusCard(deps, github, item.id);
  await performEffects(deps, github, item, effects);
  return item;
}

function assertNever(value: never): never {
  throw new Error(`unhandled effect ${JSON.stringify(value)}`);
}
