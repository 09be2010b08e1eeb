import { budgetOf } from "../../domain/budget-policy.ts";
import { fitToLimit } from "../../domain/fit-to-limit.ts";
import { neutraliseModelText } from "../../domain/neutralise-model-text.ts";
import { mergeReads } from "../../domain/pass-outcome.ts";
import { protectionNote } from "../../domain/protection-note.ts";
import type { PassRunRecord } from "../../domain/types.ts";
import { applyDecision } from "../apply-decision.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { CommittedFiles } from "../github-port.ts";
import { postPassCostSummary } from "../model-calls.ts";
import type { PassAgentContext } from "./assemble-pass-context.ts";
import type { PreparedPass } from "./prepare-pass.ts";
import { pullRequestBody, pullRequestSummaryLimit } from "./pull-request-body.ts";
import type { AgentOutcome } from "./run-pass-agent.ts";

/** The pass's commit on its PR, and the pass run now waiting at its gate. */
export interface PublishedPass {
  commit: CommittedFiles;
  opened: PassRunRecord;
  /** An earlier iteration of this pass that committed the same tree. */
  repeated: PassRunRecord | undefined;
}

/**
 * One commit with the pass's files on `pitwall/<issue>/<pass>`, the pull request, the cost
 * summary and the protection note; the pass run waits at its gate.
 */
export async function publishPass(deps: OrchestratorDeps, prepared: PreparedPass, context: PassAgentContext, outcome: AgentOutcome): Promise<PublishedPass> {
  const { github, repo, item, pass, agent, run, head, definitions } = prepared;
  const { branch } = context;
  const { files, summary, ref } = outcome;
  const committed = await github.commitFiles(repo, {
    branch,
    baseSha: head.sha,
    files,
    // Pitwall's own commits are known by SHA (separation of duties): the names on a commit are the pusher's to choose.
    beforeBranchMoves: (commitSha) => deps.store.recordPitwallCommit(run.id, commitSha),
    message: `pitwall: ${pass.id} for #${item.issueNumber}${run.iteration > 1 ? ` (iteration ${run.iteration})` : ""}\n\n${summary}\n\nAgent: ${agent.name} (${ref.provider}/${ref.model})`,
  });
  // Recorded again (nothing doubles) for a port that has no moment before the branch moves.
  if (committed.created) await deps.store.recordPitwallCommit(run.id, committed.commitSha);
  // A resumed job finds the commit an earlier attempt made (the tree is unchanged): still this iteration's change.
  const commit = { ...committed, created: committed.created || (await deps.store.hasPitwallCommit(run.id, committed.commitSha)) };
  // The commit message keeps the whole summary; the PR body points there when GitHub's limit cuts it.
  const wholeAt = `the whole summary is in the message of commit ${commit.commitSha.slice(0, 7)} on \`${branch}\``;
  const pr = await github.ensurePullRequest(repo, {
    head: branch,
    base: head.branch,
    title: `${pass.id}: ${item.issueTitle} (#${item.issueNumber})`,
    body: pullRequestBody(item, pass, fitToLimit(summary, pullRequestSummaryLimit, { wholeAt }), files.map((file) => neutraliseModelText(file.path)), run.iteration),
    wholeAt,
  });
  const earlier = (await deps.store.listPassRuns(item.id)).filter((candidate) => candidate.passId === pass.id && candidate.id !== run.id);
  const repeated = earlier.find((candidate) => candidate.treeSha === commit.treeSha);
  const opened = await deps.store.updatePassRun(run.id, {
    state: "awaiting_gate",
    branch,
    prNumber: pr.number,
    headSha: commit.commitSha,
    headAt: commit.at ?? deps.clock.now(),
    treeSha: commit.treeSha,
    gateCheckRunId: null,
    // A cached run's tool loop read what its entry says; the context read now.
    reads: mergeReads(context.observed.reads(), outcome.cachedReads),
    writtenPaths: files.map((file) => file.path),
  });
  await postPassCostSummary(deps, github, item, opened, pass.id, budgetOf(definitions.workflow));
  await noteProtection(deps, prepared);
  await applyDecision(deps, item.id, { type: "pass_opened", passId: pass.id }, { actor: "pitwall", action: `pass ${pass.id} opened #${pr.number}`, detail: `iteration ${run.iteration}`, commitSha: commit.commitSha });
  return { commit, opened, repeated };
}

/** What the default branch's protection means for this pass, kept on the work item when it changed. */
async function noteProtection(deps: OrchestratorDeps, prepared: PreparedPass): Promise<void> {
  const { github, repo, head, pass, item } = prepared;
  const protection = await github.readBranchProtection(repo, head.branch);
  const note = protectionNote(head.branch, pass, { ...protection, reviewRulesetsHoldingPitwall: await github.rulesetsHoldingApp(repo, protection.reviewRulesetIds) });
  if (note !== item.protectionNote) await deps.store.updateWorkItem(item.id, { protectionNote: note }, deps.clock.now());
}
