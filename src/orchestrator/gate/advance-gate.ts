import { neutraliseModelText } from "../../domain/neutralise-model-text.ts";
import { deployTimedOut, describeDeployTimeOut } from "../../domain/deploy-time-limit.ts";
import { needsVerifiers, summariseCi } from "../../domain/evaluate-gate.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { escalate } from "../escalate.ts";
import type { GitHubPort } from "../github-port.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import { sendBack } from "../send-back.ts";
import { currentGate, type CurrentGate } from "./current-gate.ts";
import { describeVerifierFailure } from "./describe-verifier-failure.ts";
import { mergeWhenMet } from "./merge-when-met.ts";
import { publishGateCheck } from "./publish-gate-check.ts";
import { repoOf } from "../repo-of.ts";

/**
 * The gate's effectful verb (`evaluateGate` is its pure one). Something about the current gate
 * changed (a verifier, CI, a deployment, a push, `/resume`): act on it. Failures of the pass's
 * own work go back to its agent (CI failures for passes with `ci_feedback`, failed verifiers); a
 * verifier without a verdict or a failed deployment goes to a person; otherwise the gate's check
 * is published and the pass merged when it is met (`mergeWhenMet`, which an approval calls
 * alone). While the work item is paused the check is only published; `/resume` queues this again.
 */
export async function advanceGate(deps: OrchestratorDeps, github: GitHubPort, workItemId: number): Promise<void> {
  const gate = await currentGate(deps, workItemId);
  if (!gate) return;
  const { item } = gate;
  if (item.state === "paused") {
    await publishGateCheck(deps, github, gate);
    await refreshStatusCard(deps, github, item.id);
    return;
  }
  // Automatic send-backs only from the gate itself: once a person holds the work item
  // (escalated), failures stay on the gate until they act.
  if (item.state === "awaiting_gate" && ((await sendBackCiFailures(deps, github, gate)) || (await actOnVerifiers(deps, github, gate)) || (await escalateFailedDeployment(deps, github, gate)))) return;
  await mergeWhenMet(deps, github, item.id);
}

/** Every CI check finished and some failed: their output goes back to the agent (once per commit). */
async function sendBackCiFailures(deps: OrchestratorDeps, github: GitHubPort, { item, pass, run }: CurrentGate): Promise<boolean> {
  if (!pass.ci_feedback || run.ciFeedbackSha === run.headSha) return false;
  const repo = repoOf(item);
  const { required, checks } = await github.readPullRequestCi(repo, run.prNumber, run.headSha);
  const ci = summariseCi({ required, checks });
  if (ci.pending > 0 || ci.failed.length === 0) return false;
  const failures: string[] = [];
  for (const check of checks.filter((candidate) => ci.failed.includes(candidate.name))) {
    const annotations = check.checkRunId !== undefined ? await github.readCheckAnnotations(repo, check.checkRunId) : [];
    failures.push([`Check \`${check.name}\` ended in ${check.conclusion ?? "failure"}.`, check.summary ?? "", ...annotations.map((line) => `- ${line}`)].filter(Boolean).join("\n"));
  }
  await sendBack(deps, github, { item, pass, run }, {
    trigger: "ci_failed",
    reason: `${ci.failed.map((name) => `\`${name}\``).join(", ")} failed on \`${run.headSha.slice(0, 7)}\``,
    feedback: `The repository's CI failed on your previous iteration (commit ${run.headSha}). Fix the cause, not the tests.\n\n${failures.join("\n\n")}`,
    actor: "pitwall",
  });
  // Marked only once the send-back is decided: a crash before it leaves the failure to act on again.
  await deps.store.updatePassRun(run.id, { ciFeedbackSha: run.headSha });
  return true;
}

/** When every verifier of the head has reported: failures go back to the agent, no verdict goes to a person (unless a budget stopped it). */
async function actOnVerifiers(deps: OrchestratorDeps, github: GitHubPort, { item, pass, run }: CurrentGate): Promise<boolean> {
  if (!needsVerifiers(pass.gate)) return false;
  // Only the gate's agent verifiers send the pass back by themselves; a code verifier's failure
  // (test tampering, a secret, a write out of scope) waits for a person: /reject, /waive or a push.
  const runs = (await deps.store.listVerifierRuns(run.id, run.headSha)).filter((candidate) => pass.gate.verifiers.includes(candidate.verifier));
  const reported = pass.gate.verifiers.map((name) => runs.find((candidate) => candidate.verifier === name));
  if (reported.some((candidate) => candidate?.state !== "completed")) return false;
  const failed = runs.filter((candidate) => candidate.conclusion === "failure");
  if (failed.length > 0) {
    await sendBack(deps, github, { item, pass, run }, {
      trigger: "verifier_failed",
      reason: `${failed.map((candidate) => candidate.verifier).join(", ")} failed`,
      feedback: failed.map(describeVerifierFailure).join("\n\n"),
      actor: "pitwall",
    });
    return true;
  }
  // A verifier a budget stopped waits for its owners (`/approve budget`), not for a person.
  const silent = runs.filter((candidate) => candidate.conclusion === "neutral" && candidate.budgetStop === null);
  if (silent.length === 0) return false;
  const reason = `${silent.map((candidate) => `\`${candidate.verifier}\``).join(", ")} gave no verdict on \`${run.headSha.slice(0, 7)}\` (${neutraliseModelText(silent[0]?.summary ?? "no reason")})`;
  await escalate(deps, github, item.id, pass.id, reason, { actor: "pitwall", commitSha: run.headSha });
  return true;
}

/** The deployment failed, or no deploy system answered it within the pass's time limit: a person must look. */
async function escalateFailedDeployment(deps: OrchestratorDeps, github: GitHubPort, { item, pass, run }: CurrentGate): Promise<boolean> {
  if (!pass.deploy || !(run.deploymentState === "failure" || run.deploymentState === "error" || run.deploymentState === deployTimedOut)) return false;
  const reason =
    run.deploymentState === deployTimedOut
      ? `${describeDeployTimeOut(pass.deploy.environment, pass.deploy.timeout_minutes)}; check why the deploy system did not answer for \`${run.headSha.slice(0, 7)}\` (a late success still opens the gate)`
      : `the deployment of \`${run.headSha.slice(0, 7)}\` to \`${pass.deploy.environment}\` ended in ${run.deploymentState}`;
  const updated = await escalate(deps, github, item.id, pass.id, reason, { actor: "pitwall", commitSha: run.headSha });
  await publishGateCheck(deps, github, { item: updated, pass, run });
  return true;
}
