// GET /repos/{owner}/{repo} and the collaborator permission check apps use for commands.
import { findUser } from "../core/lookup.ts";
import { notFound } from "../http/errors.ts";
import { json, repoRoute, type Route } from "../http/route.ts";
import { renderRepo } from "../render/repo.ts";
import { renderUser } from "../render/user.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, RepoRole, UserRecord } from "../types.ts";

/** The repository role of a user: the owner is admin, others as set, else read on public repos. */
export function roleOf(w: World, repo: RepoRecord, user: UserRecord): RepoRole {
  if (findUser(w, repo.owner)?.id === user.id) return "admin";
  return repo.roles.get(user.login.toLowerCase()) ?? (repo.private ? "none" : "read");
}

/** The permission API folds roles to four levels: maintain shows as write, triage as read. */
const folded: Record<RepoRole, "admin" | "write" | "read" | "none"> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read", none: "none" };

const rank: RepoRole[] = ["none", "read", "triage", "write", "maintain", "admin"];
const atLeast = (role: RepoRole, min: RepoRole): boolean => rank.indexOf(role) >= rank.indexOf(min);

export const repoRoutes: Route[] = [
  repoRoute("GET", "/repos/{owner}/{repo}", ["metadata", "read"], ({ w, repo }) => json(200, renderRepo(w, repo))),
  repoRoute("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", ["metadata", "read"], ({ w, repo, req }) => {
    const user = findUser(w, req.params.username ?? "");
    if (!user) throw notFound(`${req.params.username} is not a user`);
    const role = roleOf(w, repo, user);
    const permissions = { admin: atLeast(role, "admin"), maintain: atLeast(role, "maintain"), push: atLeast(role, "write"), triage: atLeast(role, "triage"), pull: atLeast(role, "read") };
    return json(200, { permission: folded[role], role_name: role, user: { ...renderUser(w, user), permissions, role_name: role } });
  }),
];
