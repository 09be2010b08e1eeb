// Test-side setup that a person or admin would do on github.com: users, repositories with an
// initial commit, the app installation, collaborator roles and branch protection.
import { buildTree } from "../git/flat-tree.ts";
import { writeBlob, writeCommit } from "../git/objects.ts";
import { branchRef } from "../git/refs.ts";
import { createLabel } from "../actions/label-actions.ts";
import { isoSeconds, nodeId } from "../core/ids.ts";
import { findUser, repoKey, requireRepo } from "../core/lookup.ts";
import { renderInstallation } from "../render/installation.ts";
import { renderUser } from "../render/user.ts";
import type { World } from "../core/world.ts";
import type { FlatTree } from "../git/flat-tree.ts";
import type { BranchProtection, InstallationRecord, RepoRecord, RepoRole, UserRecord, UserType } from "../types.ts";

/** The labels GitHub puts in every new repository. */
const DEFAULT_LABELS: [string, string, string][] = [
  ["bug", "d73a4a", "Something isn't working"],
  ["documentation", "0075ca", "Improvements or additions to documentation"],
  ["duplicate", "cfd3d7", "This issue or pull request already exists"],
  ["enhancement", "a2eeef", "New feature or request"],
  ["good first issue", "7057ff", "Good for newcomers"],
  ["help wanted", "008672", "Extra attention is needed"],
  ["invalid", "e4e669", "This doesn't seem right"],
  ["question", "d876e3", "Further information is requested"],
  ["wontfix", "ffffff", "This will not be worked on"],
];

export function createUser(w: World, input: { login: string; type?: UserType }): UserRecord {
  const existing = findUser(w, input.login);
  if (existing) return existing;
  const id = w.ids("user");
  const type = input.type ?? "User";
  const user: UserRecord = { id, nodeId: nodeId(type === "Organization" ? "Organization" : type, id), login: input.login, type };
  w.state.users.set(input.login.toLowerCase(), user);
  return user;
}

/** Helpers accept any login; unknown ones become plain users. */
export const userFor = (w: World, login: string): UserRecord => findUser(w, login) ?? createUser(w, { login });

export interface NewRepo {
  owner: string;
  name: string;
  defaultBranch?: string;
  files?: Record<string, string>;
  private?: boolean;
  description?: string;
}

export function createRepo(w: World, input: NewRepo): RepoRecord {
  const key = repoKey(input.owner, input.name);
  if (w.state.repos.has(key)) throw new Error(`wind tunnel: repository ${input.owner}/${input.name} already exists`);
  const owner = userFor(w, input.owner);
  const id = w.ids("repo");
  const now = isoSeconds(w.now());
  const repo: RepoRecord = {
    id,
    nodeId: nodeId("Repository", id),
    key,
    owner: owner.login,
    name: input.name,
    private: input.private ?? false,
    defaultBranch: input.defaultBranch ?? "main",
    description: input.description ?? null,
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
    refs: new Map(),
    objects: new Set(),
    roles: new Map(),
    protections: new Map(),
    nextNumber: 1,
  };
  w.state.repos.set(key, repo);
  w.state.refs.set(key, repo.refs);
  for (const [name, color, description] of DEFAULT_LABELS) createLabel(w, repo, name, color, description).default = true;
  const flat: FlatTree = new Map();
  for (const [path, content] of Object.entries(input.files ?? {})) flat.set(path, { mode: "100644", type: "blob", sha: writeBlob(w, repo, Buffer.from(content)) });
  const sig = { name: owner.login, email: `${owner.id}+${owner.login}@users.noreply.github.com`, date: now };
  const sha = writeCommit(w, repo, { tree: buildTree(w, repo, flat), parents: [], message: "Initial commit", author: sig, committer: sig, authorUserId: owner.id });
  repo.refs.set(branchRef(repo.defaultBranch), sha);
  return repo;
}

export interface NewInstallation {
  installationId: number;
  account: string;
  repos: string[] | "all";
  permissions?: Record<string, "read" | "write">;
  events?: string[];
}

export function installApp(w: World, input: NewInstallation): InstallationRecord {
  const account = userFor(w, input.account);
  const repos = input.repos === "all" ? "all" : new Set(input.repos.map((name) => requireRepo(w, name).key));
  const installation: InstallationRecord = {
    id: input.installationId,
    nodeId: nodeId("Installation", input.installationId),
    accountId: account.id,
    repos,
    permissions: { ...(input.permissions ?? w.app.permissions) },
    events: input.events ?? [...w.app.events],
    createdAt: isoSeconds(w.now()),
  };
  w.state.installations.set(installation.id, installation);
  const covered = [...w.state.repos.values()].filter((r) => (repos === "all" ? r.owner.toLowerCase() === account.login.toLowerCase() : repos.has(r.key)));
  w.emit("installation", {
    action: "created",
    installation: renderInstallation(w, installation),
    repositories: covered.map((r) => ({ id: r.id, node_id: r.nodeId, name: r.name, full_name: `${r.owner}/${r.name}`, private: r.private })),
    requester: null,
    sender: renderUser(w, account),
  });
  return installation;
}

export function setPermission(w: World, repoName: string, login: string, role: RepoRole): void {
  const repo = requireRepo(w, repoName);
  userFor(w, login);
  repo.roles.set(login.toLowerCase(), role);
}

export interface ProtectionInput {
  requiredStatusChecks?: (string | { context: string; appId: number })[];
  strict?: boolean;
  requiredApprovingReviews?: number;
  dismissStaleReviews?: boolean;
  allowForcePushes?: boolean;
  allowDeletions?: boolean;
}

export function protectBranch(w: World, repoName: string, branch: string, input: ProtectionInput): void {
  const repo = requireRepo(w, repoName);
  const rule: BranchProtection = {
    requiredStatusChecks: input.requiredStatusChecks
      ? {
          strict: input.strict ?? false,
          checks: input.requiredStatusChecks.map((c) => (typeof c === "string" ? { context: c, appId: null } : { context: c.context, appId: c.appId })),
        }
      : null,
    requiredReviews:
      input.requiredApprovingReviews === undefined
        ? null
        : { count: input.requiredApprovingReviews, dismissStaleReviews: input.dismissStaleReviews ?? false, requireCodeOwnerReviews: false, requireLastPushApproval: false },
    enforceAdmins: false,
    allowForcePushes: input.allowForcePushes ?? false,
    allowDeletions: input.allowDeletions ?? false,
  };
  repo.protections.set(branch, rule);
}
