// The deployment and deployment-status objects (REST and the deployment webhooks).
import { renderApp } from "./app.ts";
import { repoApiUrl } from "./repo.ts";
import { renderUserId } from "./user.ts";
import { repoOf } from "../core/lookup.ts";
import type { World } from "../core/world.ts";
import type { DeploymentRecord, DeploymentStatusRecord } from "../types.ts";

const deploymentUrl = (w: World, repoKey: string, id: number): string => `${repoApiUrl(w, repoOf(w, repoKey))}/deployments/${id}`;

export function renderDeployment(w: World, d: DeploymentRecord): Record<string, unknown> {
  const url = deploymentUrl(w, d.repoKey, d.id);
  return {
    url,
    id: d.id,
    node_id: d.nodeId,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: renderUserId(w, d.creatorId),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${url}/statuses`,
    repository_url: repoApiUrl(w, repoOf(w, d.repoKey)),
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: d.viaApp ? renderApp(w) : null,
  };
}

export function renderDeploymentStatus(w: World, s: DeploymentStatusRecord): Record<string, unknown> {
  const deployment = deploymentUrl(w, s.repoKey, s.deploymentId);
  return {
    url: `${deployment}/statuses/${s.id}`,
    id: s.id,
    node_id: s.nodeId,
    state: s.state,
    creator: renderUserId(w, s.creatorId),
    description: s.description,
    environment: s.environment,
    // log_url replaced target_url; GitHub keeps both, equal
    target_url: s.logUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: deployment,
    repository_url: repoApiUrl(w, repoOf(w, s.repoKey)),
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: s.viaApp ? renderApp(w) : null,
  };
}
