import { fitToLimit, githubLimits } from "../domain/fit-to-limit.ts";
import type { DeploymentRequest } from "../orchestrator/github-port.ts";
import type { GitHub, Repo } from "./octokit.ts";
import { redactText } from "./redact-text.ts";
import { sentOnce } from "./sent-once.ts";

/**
 * Creates the deployment of `sha` to `environment`, or returns the one a retried job already
 * created. `required_contexts: []` because the pass's own `pitwall/gate` is still pending by
 * design (it waits for this very deployment); `auto_merge: false` because the pass branch must
 * deploy exactly what was reviewed.
 */
export async function ensureDeployment(gh: GitHub, repo: Repo, request: DeploymentRequest): Promise<{ id: number; created: boolean }> {
  const { data: existing } = await gh.rest.repos.listDeployments({ ...repo, sha: request.sha, environment: request.environment, per_page: 30 });
  const found = existing.find((deployment) => typeof deployment.payload === "object" && deployment.payload !== null && (deployment.payload as Record<string, unknown>)["pitwall"] === request.key);
  if (found) return { id: found.id, created: false };
  const { data, status } = await gh.rest.repos.createDeployment({
    ...repo,
    ref: request.sha,
    environment: request.environment,
    description: fitToLimit(redactText(request.description), githubLimits.deploymentDescription),
    auto_merge: false,
    required_contexts: [],
    production_environment: request.production,
    payload: { pitwall: request.key },
    ...sentOnce,
  });
  if (status !== 201 || !("id" in data)) throw new Error(`GitHub did not create the deployment: ${"message" in data ? data.message : `HTTP ${status}`}`);
  return { id: data.id, created: true };
}

/** The newest status of a deployment (`null` before any). */
export async function latestDeploymentStatus(gh: GitHub, repo: Repo, deploymentId: number): Promise<{ state: string; url: string | null } | null> {
  const { data } = await gh.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deploymentId, per_page: 1 });
  const status = data[0];
  return status ? { state: status.state, url: status.environment_url ?? null } : null;
}
