// Deployments and their statuses, with what GitHub checks first and the webhooks that follow:
// - the ref (branch, tag or SHA) must resolve, else 422 "No ref found for: <ref>";
// - auto_merge (default true): a ref that does not contain the default branch's tip is brought
//   up to date. A branch gets a merge commit of the default branch (a `push`, and `synchronize`
//   for its PRs) and the answer is 202 "Auto-merged main into <ref> on deployment." with no
//   deployment; a tag or SHA cannot take a merge commit, so it is 409 "Conflict merging main
//   into <ref>.", as is a branch whose merge conflicts or that branch protection guards;
// - required_contexts (default: every context on the commit; [] skips the check): each named
//   context's commit statuses and check runs (latest per name) must be `success`, else 409
//   "Conflict: Commit status checks failed for <ref>." listing the contexts and their states
//   (a check run reports its conclusion, or pending; a required context never reported is
//   listed as pending);
// - then the deployment, and `deployment.created`.
// A `success` status with auto_inactive (default true) adds an `inactive` status to the prior
// successful deployments in the same environment that are neither transient nor production,
// as GitHub's documentation describes it.
import { isoSeconds, nodeId } from "../core/ids.ts";
import { latestStatuses, repoOf } from "../core/lookup.ts";
import { isAncestor, mergeBase } from "../git/ancestry.ts";
import { buildTree, emptyFlat, flattenTree, type FlatTree } from "../git/flat-tree.ts";
import { mergeTrees } from "../git/merge-trees.ts";
import { writeCommit } from "../git/objects.ts";
import { branchRef, branchSha, resolveCommitish } from "../git/refs.ts";
import { GitHubError } from "../http/errors.ts";
import { renderDeployment, renderDeploymentStatus } from "../render/deployment.ts";
import { envelope } from "../webhooks/envelope.ts";
import { setRef } from "./update-ref.ts";
import type { World } from "../core/world.ts";
import type { DeploymentRecord, DeploymentState, DeploymentStatusRecord, RepoRecord, UserRecord } from "../types.ts";

export interface NewDeployment {
  ref: string;
  task?: string;
  autoMerge?: boolean;
  /** undefined: every context on the commit must be success; []: none */
  requiredContexts?: string[];
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transientEnvironment?: boolean;
  /** default: true for the environment "production" */
  productionEnvironment?: boolean;
}

export type DeploymentOutcome = { kind: "created"; deployment: DeploymentRecord } | { kind: "merged"; message: string; sha: string };

export interface NewDeploymentStatus {
  state: DeploymentState;
  description?: string;
  /** default: the previous status's environment, else the deployment's */
  environment?: string;
  environmentUrl?: string;
  logUrl?: string;
  /** default true */
  autoInactive?: boolean;
}

interface ContextState {
  context: string;
  state: string;
}

/** Commit statuses (latest per context) and check runs (latest per app and name) on a commit. */
function contextsOn(w: World, repo: RepoRecord, sha: string): ContextState[] {
  const statuses = latestStatuses(w, repo.key, sha).map((s) => ({ context: s.context, state: s.state }));
  const runs = [...w.state.checkRuns.values()].filter((r) => r.repoKey === repo.key && r.headSha === sha).sort((a, b) => b.id - a.id);
  const latestRuns = runs.filter((r, i) => runs.findIndex((o) => o.name === r.name && o.appId === r.appId) === i);
  const checks = latestRuns.map((r) => ({ context: r.name, state: r.status === "completed" ? (r.conclusion ?? "pending") : "pending" }));
  return [...statuses, ...checks].sort((a, b) => (a.context < b.context ? -1 : a.context > b.context ? 1 : 0));
}

function assertContexts(w: World, repo: RepoRecord, sha: string, ref: string, required: string[] | undefined): void {
  const present = contextsOn(w, repo, sha);
  const considered =
    required === undefined
      ? present
      : required.flatMap((context) => {
          const found = present.filter((c) => c.context === context);
          return found.length > 0 ? found : [{ context, state: "pending" }];
        });
  if (considered.every((c) => c.state === "success")) return;
  throw new GitHubError(409, `Conflict: Commit status checks failed for ${ref}.`, {
    errors: [{ contexts: considered, resource: "Deployment", field: "required_contexts", code: "invalid" }],
  });
}

/** The branch a deployment's ref names, when it names one (not a SHA or a tag). */
function branchNamedBy(repo: RepoRecord, ref: string): string | undefined {
  if (/^[0-9a-f]{40}$/i.test(ref)) return undefined;
  const full = ref.startsWith("refs/") ? ref : repo.refs.has(`refs/${ref}`) ? `refs/${ref}` : `refs/heads/${ref}`;
  return full.startsWith("refs/heads/") && repo.refs.has(full) ? full.slice("refs/heads/".length) : undefined;
}

/** auto_merge: merges the default branch into a branch that lacks its tip; undefined when up to date. */
function autoMerge(w: World, repo: RepoRecord, ref: string, sha: string, actor: UserRecord): { message: string; sha: string } | undefined {
  const defaultSha = branchSha(repo, repo.defaultBranch);
  if (defaultSha === undefined || isAncestor(w, defaultSha, sha)) return undefined;
  const conflict = new GitHubError(409, `Conflict merging ${repo.defaultBranch} into ${ref}.`);
  const branch = branchNamedBy(repo, ref);
  if (branch === undefined) throw conflict;
  const flat = (commitSha: string | undefined): FlatTree => {
    const commit = commitSha === undefined ? undefined : w.state.commits.get(commitSha);
    return commit ? flattenTree(w, repo, commit.tree) : emptyFlat();
  };
  const merged = mergeTrees(flat(mergeBase(w, sha, defaultSha)), flat(sha), flat(defaultSha));
  if (merged.conflicts.length > 0) throw conflict;
  // a protected branch takes changes only through pull requests
  const rule = repo.protections.get(branch);
  if (rule?.requiredReviews || rule?.requiredStatusChecks) throw conflict;
  const message = `Auto-merged ${repo.defaultBranch} into ${ref} on deployment.`;
  const now = isoSeconds(w.now());
  const commit = writeCommit(w, repo, {
    tree: buildTree(w, repo, merged.tree),
    parents: [sha, defaultSha],
    message,
    author: { name: actor.login, email: `${actor.id}+${actor.login}@users.noreply.github.com`, date: now },
    committer: { name: "GitHub", email: "noreply@github.com", date: now },
    authorUserId: actor.id,
  });
  setRef(w, repo, branchRef(branch), commit, actor);
  return { message, sha: commit };
}

export function createDeployment(w: World, repo: RepoRecord, input: NewDeployment, actor: UserRecord, viaApp: boolean): DeploymentOutcome {
  const sha = resolveCommitish(w, repo, input.ref);
  if (sha === undefined) throw new GitHubError(422, `No ref found for: ${input.ref}`);
  if (input.autoMerge ?? true) {
    const merged = autoMerge(w, repo, input.ref, sha, actor);
    if (merged) return { kind: "merged", ...merged };
  }
  assertContexts(w, repo, sha, input.ref, input.requiredContexts);
  const id = w.ids("deployment");
  const now = isoSeconds(w.now());
  const environment = input.environment ?? "production";
  const deployment: DeploymentRecord = {
    id,
    nodeId: nodeId("Deployment", id),
    repoKey: repo.key,
    sha,
    ref: input.ref,
    task: input.task ?? "deploy",
    payload: input.payload ?? {},
    originalEnvironment: environment,
    environment,
    description: input.description ?? null,
    creatorId: actor.id,
    viaApp,
    transientEnvironment: input.transientEnvironment ?? false,
    productionEnvironment: input.productionEnvironment ?? environment === "production",
    createdAt: now,
    updatedAt: now,
  };
  w.state.deployments.set(id, deployment);
  w.emit("deployment", envelope(w, repo, actor, { action: "created", deployment: renderDeployment(w, deployment), workflow: null, workflow_run: null }));
  return { kind: "created", deployment };
}

export function statusesOf(w: World, deployment: DeploymentRecord): DeploymentStatusRecord[] {
  return [...w.state.deploymentStatuses.values()].filter((s) => s.deploymentId === deployment.id).sort((a, b) => b.id - a.id);
}

function addStatus(w: World, deployment: DeploymentRecord, input: NewDeploymentStatus, actor: UserRecord, viaApp: boolean): DeploymentStatusRecord {
  const id = w.ids("deploymentStatus");
  const now = isoSeconds(w.now());
  const environment = input.environment ?? statusesOf(w, deployment)[0]?.environment ?? deployment.environment;
  const status: DeploymentStatusRecord = {
    id,
    nodeId: nodeId("DeploymentStatus", id),
    repoKey: deployment.repoKey,
    deploymentId: deployment.id,
    state: input.state,
    description: input.description ?? "",
    environment,
    environmentUrl: input.environmentUrl ?? "",
    logUrl: input.logUrl ?? "",
    creatorId: actor.id,
    viaApp,
    createdAt: now,
  };
  w.state.deploymentStatuses.set(id, status);
  deployment.environment = environment;
  deployment.updatedAt = now;
  const repo = repoOf(w, deployment.repoKey);
  w.emit(
    "deployment_status",
    envelope(w, repo, actor, { action: "created", deployment_status: renderDeploymentStatus(w, status), deployment: renderDeployment(w, deployment) }),
  );
  return status;
}

export function createDeploymentStatus(w: World, deployment: DeploymentRecord, input: NewDeploymentStatus, actor: UserRecord, viaApp: boolean): DeploymentStatusRecord {
  const status = addStatus(w, deployment, input, actor, viaApp);
  if (status.state !== "success" || input.autoInactive === false) return status;
  const prior = [...w.state.deployments.values()].filter(
    (d) =>
      d.repoKey === deployment.repoKey &&
      d.id < deployment.id &&
      d.environment === status.environment &&
      !d.transientEnvironment &&
      !d.productionEnvironment &&
      statusesOf(w, d)[0]?.state === "success",
  );
  for (const d of prior) addStatus(w, d, { state: "inactive" }, actor, viaApp);
  return status;
}
