import type { GitHubEffect } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds, lockKeyOf } from "./jobs.ts";
import { postWorkItemCost } from "./model-calls.ts";
import type { GitHubPort } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";

/** The label a work item carries while a person must act. */
export const needsHumanLabel = "pitwall:needs-human";

/**
 * Performs a decision's effects on GitHub and in the store, and only there: what happens next
 * is a job on the queue (effects never call back into orchestration).
 */
export async function performEffects(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, effects: readonly GitHubEffect[]): Promise<void> {
  const repo = repoOf(item);
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
      case "advance_gate":
        // The gate is advanced by its own job, under the work item's lock, after this one.
        await deps.enqueue(newJob(jobKinds.advanceGate, { workItemId: item.id }, { lockKey: lockKeyOf(item) }));
        break;
      default:
        assertNever(effect);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled effect ${JSON.stringify(value)}`);
}
