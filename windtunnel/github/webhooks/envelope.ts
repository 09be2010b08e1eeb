// What every repository webhook carries besides its subject: repository, organization (for
// org repos), sender and installation { id, node_id } of the installation covering the repo.
import { renderRepo } from "../render/repo.ts";
import { renderUser } from "../render/user.ts";
import { findUser } from "../core/lookup.ts";
import { isRecord } from "../openapi/spec-types.ts";
import type { World } from "../core/world.ts";
import type { InstallationRecord, RepoRecord, UserRecord } from "../types.ts";

export function installationFor(w: World, repo: RepoRecord): InstallationRecord | undefined {
  const owner = findUser(w, repo.owner);
  for (const installation of w.state.installations.values()) {
    if (installation.repos === "all" ? installation.accountId === owner?.id : installation.repos.has(repo.key)) return installation;
  }
  return undefined;
}

export function envelope(
  w: World,
  repo: RepoRecord,
  sender: UserRecord,
  body: Record<string, unknown>,
  repository: Record<string, unknown> = renderRepo(w, repo),
): Record<string, unknown> {
  const owner = findUser(w, repo.owner);
  const installation = installationFor(w, repo);
  return webhookRepositories({
    ...body,
    repository,
    ...(owner?.type === "Organization" ? { organization: organizationSummary(w, owner) } : {}),
    sender: renderUser(w, sender),
    ...(installation ? { installation: { id: installation.id, node_id: installation.nodeId } } : {}),
  });
}

/**
 * Repositories inside webhooks carry no `organization` (the payload has it once, at the top);
 * GitHub's webhook schemas even disagree on its type there.
 */
function webhookRepositories(payload: Record<string, unknown>): Record<string, unknown> {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    const repoLike = typeof node.full_name === "string";
    return Object.fromEntries(Object.entries(node).flatMap(([k, v]) => (repoLike && k === "organization" ? [] : [[k, walk(v)]])));
  };
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, walk(v)]));
}

function organizationSummary(w: World, org: UserRecord): Record<string, unknown> {
  const api = `${w.urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: org.nodeId,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
  };
}
