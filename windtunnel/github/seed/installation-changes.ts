// What an owner does to the app's installation on github.com: suspend and unsuspend it,
// uninstall it, remove repositories from it or add them back — with GitHub's webhooks
// (`installation.suspend|unsuspend|deleted`, `installation_repositories.removed|added`) and
// what follows for tokens: a suspended installation's tokens answer 403 "This installation has
// been suspended", a deleted one's 401 "Bad credentials", a removed repository 404.
import { isoSeconds } from "../core/ids.ts";
import { requireRepo } from "../core/lookup.ts";
import { renderInstallation } from "../render/installation.ts";
import { renderUser } from "../render/user.ts";
import { userFor } from "./seed-repo.ts";
import type { World } from "../core/world.ts";
import type { InstallationRecord, RepoRecord } from "../types.ts";

function installationOf(w: World, installationId: number): InstallationRecord {
  const installation = w.state.installations.get(installationId);
  if (!installation) throw new Error(`wind tunnel: installation ${installationId} does not exist`);
  return installation;
}

const repoSummary = (repo: RepoRecord) => ({ id: repo.id, node_id: repo.nodeId, name: repo.name, full_name: `${repo.owner}/${repo.name}`, private: repo.private });

function coveredRepos(w: World, installation: InstallationRecord): RepoRecord[] {
  return [...w.state.repos.values()].filter((repo) =>
    installation.repos === "all" ? [...w.state.users.values()].find((user) => user.id === installation.accountId)?.login.toLowerCase() === repo.owner.toLowerCase() : installation.repos.has(repo.key),
  );
}

export function suspendInstallation(w: World, installationId: number, by: string): void {
  const installation = installationOf(w, installationId);
  const actor = userFor(w, by);
  installation.suspendedAt = isoSeconds(w.now());
  installation.suspendedById = actor.id;
  w.emit("installation", { action: "suspend", installation: renderInstallation(w, installation), repositories: coveredRepos(w, installation).map(repoSummary), requester: null, sender: renderUser(w, actor) });
}

export function unsuspendInstallation(w: World, installationId: number, by: string): void {
  const installation = installationOf(w, installationId);
  installation.suspendedAt = null;
  installation.suspendedById = null;
  w.emit("installation", { action: "unsuspend", installation: renderInstallation(w, installation), repositories: coveredRepos(w, installation).map(repoSummary), requester: null, sender: renderUser(w, userFor(w, by)) });
}

export function uninstallApp(w: World, installationId: number, by: string): void {
  const installation = installationOf(w, installationId);
  const payload = { action: "deleted", installation: renderInstallation(w, installation), repositories: coveredRepos(w, installation).map(repoSummary), requester: null, sender: renderUser(w, userFor(w, by)) };
  w.state.installations.delete(installationId);
  for (const [token, record] of w.state.tokens) if (record.installationId === installationId) w.state.tokens.delete(token);
  w.emit("installation", payload);
}

export function changeInstallationRepos(w: World, installationId: number, change: { add?: string[]; remove?: string[] }, by: string): void {
  const installation = installationOf(w, installationId);
  const before = coveredRepos(w, installation);
  const removed = (change.remove ?? []).map((name) => requireRepo(w, name));
  const added = (change.add ?? []).map((name) => requireRepo(w, name));
  const keys = new Set(before.map((repo) => repo.key));
  for (const repo of removed) keys.delete(repo.key);
  for (const repo of added) keys.add(repo.key);
  installation.repos = keys;
  w.emit("installation_repositories", {
    action: removed.length > 0 ? "removed" : "added",
    installation: renderInstallation(w, installation),
    repository_selection: "selected",
    repositories_added: added.map(repoSummary),
    repositories_removed: removed.map(repoSummary),
    requester: null,
    sender: renderUser(w, userFor(w, by)),
  });
}
