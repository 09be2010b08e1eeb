import type { RepoPermission } from "../commands/permissions.ts";
import { hasStatus, type GitHub, type Repo } from "./octokit.ts";

/** The user's permission on the repository, asked of GitHub now (never from the webhook's author_association). */
export async function getRepoPermission(gh: GitHub, repo: Repo, username: string): Promise<RepoPermission> {
  try {
    const { data } = await gh.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    const permission = data.permission;
    return permission === "admin" || permission === "write" || permission === "read" ? permission : "none";
  } catch (error) {
    // 404: not a collaborator (or not a user at all).
    if (hasStatus(error, 404)) return "none";
    throw error;
  }
}
