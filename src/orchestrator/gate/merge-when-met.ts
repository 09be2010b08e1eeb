import type { GateVerdict } from "../../domain/evaluate-gate.ts";
import { applyDecision } from "../apply-decision.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort } from "../github-port.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import { currentGate } from "./current-gate.ts";
import { passMerged } from "./pass-merged.ts";
import { publishGateCheck } from "./publish-gate-check.ts";
import { repoOf } from "../repo-of.ts";

/** Publishes the current gate's check, and merges and moves on when it is met and the work item is not paused. */
export async function mergeWhenMet(deps: OrchestratorDeps, github: GitHubPort, workItemId: number): Promise<GateVerdict | undefined> {
  const gate = await currentGate(deps, workItemId);
  if (!gate) return undefined;
  const { item, pass, run } = gate;
  const repo = repoOf(item);
  const verdict = await publishGateCheck(deps, github, gate);
  if (!verdict.met || item.state === "paused" || pass.gate.merge === "human") {
    await refreshStatusCard(deps, github, item.id);
    return verdict;
  }
  // Assessing took a while: a stop (label removed, issue closed) that landed meanwhile wins.
  if ((await deps.store.getWorkItem(item.id)).stopEpoch !== item.stopEpoch) return;
  // The message is Pitwall's own: GitHub's default is the PR's title, which carries the issue's
  // title, and a closing keyword there would close another issue on the default branch.
  const merge = await github.mergePullRequest(repo, run.prNumber, run.headSha, {
    title: `pitwall: merge ${pass.id} for #${item.issueNumber}`,
    message: `The gate of ${pass.id} (iteration ${run.iteration}) was met at ${run.headSha}.`,
  });
  if (!merge.merged) {
    // A retried job may find its own earlier merge done: carry on from it.
    const pull = await github.getPullRequest(repo, run.prNumber);
    if (pull.merged && pull.mergeCommitSha && pull.headSha === run.headSha) {
      await passMerged(deps, github, gate, pull.mergeCommitSha, "pitwall");
      return verdict;
    }
    await applyDecision(deps, item.id, { type: "merge_refused", passId: pass.id, reason: `GitHub refused the merge of #${run.prNumber}: ${merge.reason}` }, { actor: "pitwall", action: "merge refused", detail: merge.reason, commitSha: run.headSha });
    await refreshStatusCard(deps, github, item.id);
    return verdict;
  }
  await passMerged(deps, github, gate, merge.sha, "pitwall");
  return verdict;
}

