import type { PassDefinition } from "../../definitions/workflow.schema.ts";
import { deterministicVerifierNames } from "../../verifiers/conclusion.ts";
import { findingId, verifyChange } from "../../verifiers/index.ts";
import { currentGate } from "./current-gate.ts";
import { publishVerifierCheck, verifierExternalId } from "../verifier-check.ts";
import { needsVerifiers } from "../../domain/evaluate-gate.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { newJob } from "../../scheduler/new-job.ts";
import { jobKinds } from "../jobs.ts";
import type { GitHubPort } from "../github-port.ts";
import type { PassRunRecord, WorkItemRecord } from "../../domain/types.ts";
import { repoOf } from "../repo-of.ts";
import { lockKeyOf } from "../jobs.ts";

/**
 * What the gate waits for that Pitwall starts itself, for one head commit of the pass PR: the
 * deployment of that commit and the verifier runs on it (again after a person pushes).
 */
export async function startGateWork(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, pass: PassDefinition, run: PassRunRecord, headSha: string): Promise<void> {
  const repo = repoOf(item);
  if (pass.deploy) {
    const deployment = await github.ensureDeployment(repo, {
      sha: headSha,
      environment: pass.deploy.environment,
      production: pass.deploy.production,
      description: `Pitwall: ${pass.id} for #${item.issueNumber} (iteration ${run.iteration})`,
      key: `${item.id}:${pass.id}:${run.iteration}:${headSha.slice(0, 12)}`,
    });
    await deps.store.updatePassRun(run.id, { deploymentId: deployment.id, deploymentState: "created", deploymentUrl: null });
    // The deploy system has until the time limit to answer; the job looks then (a retry of this
    // job finds the deployment and queues nothing twice).
    const deadline = new Date(deps.clock.now().getTime() + pass.deploy.timeout_minutes * 60_000);
    await deps.enqueue(
      newJob(
        jobKinds.deployTimeLimit,
        { workItemId: item.id, passRunId: run.id, deploymentId: deployment.id, deadline: deadline.toISOString() },
        { dedupeKey: `deploy_time_limit:${deployment.id}`, lockKey: lockKeyOf(item), runAt: deadline },
        { workflow: item.definitions?.workflow },
      ),
    );
  }
  await runDeterministicVerifiers(deps, github, item, pass, run, headSha);
  if (!needsVerifiers(pass.gate)) return;
  for (const verifier of pass.gate.verifiers) {
    const verifierRun = await deps.store.queueVerifierRun({ passRunId: run.id, verifier, headSha, now: deps.clock.now() });
    // Visible as queued on the PR at once; the verifier's job moves it to in progress, then completed.
    if (verifierRun.checkRunId === null) {
      const checkRunId = await github.upsertCheckRun(repo, {
        name: `pitwall/${verifier}`,
        headSha,
        externalId: verifierExternalId(item.id, pass.id, run.iteration, verifier, headSha),
        status: "queued",
        title: `${verifier} will review`,
        summary: `Queued: judging pass \`${pass.id}\` against its gate criteria.`,
      });
      await deps.store.updateVerifierRun(verifierRun.id, { checkRunId });
    }
    await deps.enqueue(
      newJob(
        jobKinds.runVerifier,
        { workItemId: item.id, verifierRunId: verifierRun.id },
        { dedupeKey: `run_verifier:${verifierRun.id}`, lockKey: lockKeyOf(item) },
        { workflow: item.definitions?.workflow },
      ),
    );
  }
}


/**
 * The verifiers that are code (test tampering, secrets, write scope) run on every head of every
 * pass PR, each as its own check run; the gate needs them to pass (or their findings waived).
 */
async function runDeterministicVerifiers(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, pass: PassDefinition, run: PassRunRecord, headSha: string): Promise<void> {
  const repo = repoOf(item);
  const agent = item.definitions?.agents[pass.agent];
  const files = await github.changedFilesWithContent(repo, await github.getDefaultBranch(repo), headSha);
  const findings = verifyChange(files, { writeGlobs: agent?.access.write ?? [] });
  const gate = await currentGate(deps, item.id);
  if (!gate || gate.run.id !== run.id) return;
  const at = { ...gate, run: { ...gate.run, headSha } };
  for (const verifier of deterministicVerifierNames) {
    const verifierRun = await deps.store.queueVerifierRun({ passRunId: run.id, verifier, headSha, now: deps.clock.now() });
    const own = findings.filter((finding) => finding.verifier === verifier);
    await deps.store.updateVerifierRun(verifierRun.id, {
      verdict: null,
      summary: own.length === 0 ? `No ${verifier} problem in the ${files.length} changed file${files.length === 1 ? "" : "s"}.` : `${own.length} ${verifier} problem${own.length === 1 ? "" : "s"} in this pass's change.`,
      findings: own.map((finding) => ({ id: findingId(finding), path: finding.path, startLine: finding.startLine, endLine: finding.endLine, severity: finding.severity, title: finding.title, message: finding.message })),
    });
    await publishVerifierCheck(deps, github, at, verifierRun.id);
  }
}
