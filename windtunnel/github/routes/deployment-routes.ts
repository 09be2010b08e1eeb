// Deployments and deployment statuses (the `deployments` permission: read to list, write to
// create). See actions/deployment-actions.ts for auto_merge and required_contexts.
import { createDeployment, createDeploymentStatus, statusesOf } from "../actions/deployment-actions.ts";
import { notFound } from "../http/errors.ts";
import { paginate } from "../http/paginate.ts";
import { asRecord, bool, has, intParam, isRecord, str, strings } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderDeployment, renderDeploymentStatus } from "../render/deployment.ts";
import type { DeploymentRecord, DeploymentState } from "../types.ts";

const states: DeploymentState[] = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];

function requireDeployment({ w, repo, req }: RepoRouteContext): DeploymentRecord {
  const deployment = w.state.deployments.get(intParam(req.params.deployment_id));
  if (!deployment || deployment.repoKey !== repo.key) throw notFound();
  return deployment;
}

export const deploymentRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/deployments", ["deployments", "write"], ({ w, repo, req, caller }) => {
    const body = asRecord(req.body);
    const payload = body.payload;
    const outcome = createDeployment(
      w,
      repo,
      {
        ref: str(body, "ref") ?? "",
        task: str(body, "task"),
        autoMerge: bool(body, "auto_merge"),
        // omitted: every context must pass; []: none
        requiredContexts: has(body, "required_contexts") ? (strings(body, "required_contexts") ?? []) : undefined,
        payload: isRecord(payload) || typeof payload === "string" ? payload : undefined,
        environment: str(body, "environment"),
        description: str(body, "description") ?? null,
        transientEnvironment: bool(body, "transient_environment"),
        productionEnvironment: bool(body, "production_environment"),
      },
      caller.actor,
      true,
    );
    if (outcome.kind === "merged") return json(202, { message: outcome.message });
    return json(201, renderDeployment(w, outcome.deployment), { location: `${req.url}/${outcome.deployment.id}` });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/deployments", ["deployments", "read"], ({ w, repo, req }) => {
    // GitHub documents "none" as the default of each filter
    const filter = (name: string) => {
      const value = req.query.get(name);
      return value === null || value === "none" ? undefined : value;
    };
    const [sha, ref, task, environment] = [filter("sha"), filter("ref"), filter("task"), filter("environment")];
    const all = [...w.state.deployments.values()]
      .filter((d) => d.repoKey === repo.key)
      .filter((d) => sha === undefined || d.sha === sha)
      .filter((d) => ref === undefined || d.ref === ref)
      .filter((d) => task === undefined || d.task === task)
      .filter((d) => environment === undefined || d.environment === environment)
      .sort((a, b) => b.id - a.id);
    const page = paginate(req, all);
    return json(200, page.items.map((d) => renderDeployment(w, d)), page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/deployments/{deployment_id}", ["deployments", "read"], (ctx) => json(200, renderDeployment(ctx.w, requireDeployment(ctx)))),
  repoRoute("POST", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", ["deployments", "write"], (ctx) => {
    const { w, req, caller } = ctx;
    const deployment = requireDeployment(ctx);
    const body = asRecord(req.body);
    const status = createDeploymentStatus(
      w,
      deployment,
      {
        state: states.find((s) => s === str(body, "state")) ?? "pending",
        description: str(body, "description"),
        environment: str(body, "environment"),
        environmentUrl: str(body, "environment_url"),
        // log_url replaced target_url; either sets both
        logUrl: str(body, "log_url") ?? str(body, "target_url"),
        autoInactive: bool(body, "auto_inactive"),
      },
      caller.actor,
      true,
    );
    return json(201, renderDeploymentStatus(w, status), { location: `${req.url}/${status.id}` });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", ["deployments", "read"], (ctx) => {
    const page = paginate(ctx.req, statusesOf(ctx.w, requireDeployment(ctx)));
    return json(200, page.items.map((s) => renderDeploymentStatus(ctx.w, s)), page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}", ["deployments", "read"], (ctx) => {
    const deployment = requireDeployment(ctx);
    const status = ctx.w.state.deploymentStatuses.get(intParam(ctx.req.params.status_id));
    if (!status || status.deploymentId !== deployment.id) throw notFound();
    return json(200, renderDeploymentStatus(ctx.w, status));
  }),
];
