import type { PassDefinition } from "../../definitions/workflow.schema.ts";
import { ensureDeployment } from "../../github/deployments.ts";
import type { GitHub, Repo } from "../../github/octokit.ts";
import { updatePassRun, type PassRunRecord } from "../../store/pass-runs.ts";
import { queueVerifierRun } from "../../store/verifier-runs.ts";
import type { WorkItemRecord } from "../../store/work-items.ts";
import { needsVerifiers } from "../evaluate-gate.ts";
import type { EngineDeps } from "./deps.ts";
import { jobKinds, workItemLockKey } from "./jobs.ts";

/**
 * What the gate waits for that Pitwall starts itself, for one head commit of the pass PR: the
 * deployment of that commit and the verifier runs on it (again after a person pushes).
 */
export async function startGateWork(deps: EngineDeps, gh: GitHub, item: WorkItemRecord, pass: PassDefinition, run: PassRunRecord, headSha: string): Promise<void> {
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  if (pass.deploy) {
    const deployment = await ensureDeployment(gh, repo, {
      sha: headSha,
      environment: pass.deploy.environment,
      production: pass.deploy.production,
      description: `Pitwall: ${pass.id} for #${item.issueNumber} (iteration ${run.iteration})`,
      key: `${item.id}:${pass.id}:${run.iteration}:${headSha.slice(0, 12)}`,
    });
    await updatePassRun(deps.sql, run.id, { deploymentId: deployment.id, deploymentState: "created", deploymentUrl: null });
  }
  if (!needsVerifiers(pass.gate)) return;
  for (const verifier of pass.gate.verifiers) {
    const verifierRun = await queueVerifierRun(deps.sql, { passRunId: run.id, verifier, headSha, now: deps.clock.now() });
    await deps.enqueue({
      kind: jobKinds.runVerifier,
      payload: { workItemId: item.id, verifierRunId: verifierRun.id },
      dedupeKey: `run_verifier:${verifierRun.id}`,
      lockKey: workItemLockKey(item.repo.owner, item.repo.name, item.issueNumber),
      priority: item.definitions?.workflow.priority ?? 50,
    });
  }
}

