import { neutraliseModelText } from "../domain/neutralise-model-text.ts";
import { approvedCommit } from "../domain/approved-commit.ts";
import { deterministicVerifierNames } from "../verifiers/conclusion.ts";
import { evaluateGate, needsVerifiers, type CiFacts, type GateFacts, type GateVerdict, type OutputStatus } from "../domain/evaluate-gate.ts";
import { applyDecision } from "./apply-decision.ts";
import { artifactFolder } from "./artifact-path.ts";
import type { EngineDeps } from "./deps.ts";
import { gateExternalId, renderGateSummary } from "./gate-summary.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { rememberOutcome } from "./pass-outcomes.ts";
import { passAfter } from "./pass-order.ts";
import { currentGate, type CurrentGate } from "./gate/current-gate.ts";
import type { GitHubPort, Repo } from "./github-port.ts";

/**
 * Looks at the current gate again: gathers the facts (outputs at the head, approvals, verifiers,
 * CI, deployment) and updates `pitwall/gate`. Anything that fails while gathering keeps the gate
 * pending. Merges nothing.
 */
export async function assessGate(deps: EngineDeps, github: GitHubPort, gate: CurrentGate): Promise<GateVerdict> {
  const { item, pass, run } = gate;
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  const verdict = evaluateGate(await gatherFacts(deps, github, gate));
  const stale = verdict.stale[0];
  const sinceApproval = stale ? await github.compareCommits(repo, stale.commitSha, run.headSha).then((diff) => ({ from: stale.commitSha, ...diff })).catch(() => undefined) : undefined;
  const gateCheckRunId = await github.upsertCheckRun(
    repo,
    {
      name: "pitwall/gate",
      headSha: run.headSha,
      externalId: gateExternalId(item.id, pass.id, run.iteration),
      status: verdict.met ? "completed" : "in_progress",
      conclusion: verdict.met ? "success" : undefined,
      title: verdict.title,
      summary: renderGateSummary({ gate: pass.gate, verdict, initiator: item.initiator, sinceApproval, humanMerge: pass.gate.merge === "human" }),
    },
    run.gateCheckRunId,
  );
  if (gateCheckRunId !== run.gateCheckRunId) await deps.store.updatePassRun(run.id, { gateCheckRunId });
  return verdict;
}

/** Assesses the current gate, and merges and moves on when it is met and the work item is not paused. */
export async function reevaluateGate(deps: EngineDeps, github: GitHubPort, workItemId: number): Promise<GateVerdict | undefined> {
  const gate = await currentGate(deps, workItemId);
  if (!gate) return undefined;
  const { item, pass, run } = gate;
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  const verdict = await assessGate(deps, github, gate);
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

/**
 * The pass's PR merged (by Pitwall, or by a person where the workflow says so): next pass, or
 * done. Safe to run again after a crash: the follow-up issue is recorded once, and the pass run
 * is marked merged in the same transaction as the state change.
 */
export async function passMerged(deps: EngineDeps, github: GitHubPort, gate: CurrentGate, mergeSha: string, mergedBy: string): Promise<void> {
  const { item, pass, run } = gate;
  if (pass.follow_up_issue && run.followUpIssue === null) {
    const fill = (text: string) => text.replaceAll("{title}", item.issueTitle).replaceAll("{number}", String(item.issueNumber));
    const issue = await github.createIssue({ owner: item.repo.owner, repo: item.repo.name }, {
      title: fill(pass.follow_up_issue.title),
      body: `${fill(pass.follow_up_issue.body)}\n\nDeferred by the \`${item.workflow}\` workflow of #${item.issueNumber} (pass \`${pass.id}\`). Opened by Pitwall.`,
      labels: pass.follow_up_issue.labels,
    });
    await deps.store.updatePassRun(run.id, { followUpIssue: issue.number });
  }
  // The approved outcome, for a re-run of the work item to reuse while its inputs are unchanged.
  await rememberOutcome(deps, github, gate);
  const next = passAfter(item, pass.id);
  const { item: updated, effects } = await applyDecision(
    deps,
    item.id,
    { type: "pass_merged", passId: pass.id, nextPass: next?.id ?? null },
    { actor: mergedBy, action: `merged #${run.prNumber}`, detail: next ? `next pass: ${next.id}` : "last pass: work item done", commitSha: mergeSha },
    { trigger: "first" },
    (tx) => tx.updatePassRun(run.id, { state: "merged", finishedAt: deps.clock.now() }).then(() => undefined),
  );
  await refreshStatusCard(deps, github, updated.id);
  await performEffects(deps, github, updated, effects);
}

async function gatherFacts(deps: EngineDeps, github: GitHubPort, { item, pass, run }: CurrentGate): Promise<GateFacts> {
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  const errors: string[] = [];
  const guard = async <T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  };
  const folder = artifactFolder(item.definitions?.config.artifacts.folder ?? "docs/work", item.issueNumber, item.issueTitle);
  const outputs = await Promise.all(
    pass.outputs.map(async (name) => {
      const text = await guard(`reading ${name}`, () => github.readRepoFile(repo, `${folder}/${name}`, run.headSha), undefined);
      const status: OutputStatus = text === undefined ? "missing" : text.trim() === "" ? "empty" : "ok";
      return { name, status };
    }),
  );
  const decisions = await deps.store.listGateDecisions(run.id);
  const approvals = decisions.flatMap((decision) => {
    if (decision.decision !== "approve" || !decision.commitSha) return [];
    const source = decision.source ?? "comment";
    return [{ actor: decision.actor, commitSha: approvedCommit({ commitSha: decision.commitSha, source, writtenAt: decision.writtenAt ?? null }, { sha: run.headSha, at: run.headAt }), source }];
  });
  const verifierRuns = await deps.store.listVerifierRuns(run.id, run.headSha);
  // The code verifiers gate every pass; the gate's own verifiers gate agent and both gates.
  const required = [...deterministicVerifierNames, ...(needsVerifiers(pass.gate) ? pass.gate.verifiers : [])];
  const verifiers = required.map((name) => {
    const found = verifierRuns.find((candidate) => candidate.verifier === name);
    // A verifier's summary is a model's text: data in the gate's summary and on the card.
    return { name, conclusion: found?.state === "completed" ? found.conclusion : null, summary: found?.summary ? neutraliseModelText(found.summary) : undefined };
  });
  let ci: CiFacts | undefined;
  if (pass.gate.kind === "ci") {
    ci = await guard("reading the repo's checks", () => github.readPullRequestCi(repo, run.prNumber, run.headSha), undefined);
  }
  const deployment = pass.deploy ? { environment: pass.deploy.environment, state: run.deploymentState, url: run.deploymentUrl, timeoutMinutes: pass.deploy.timeout_minutes } : undefined;
  return { gate: pass.gate, headSha: run.headSha, outputs, approvals, verifiers, ci, deployment, errors };
}
