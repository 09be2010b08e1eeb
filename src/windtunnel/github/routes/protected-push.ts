// Direct updates of a protected branch (ref PATCH, contents API) are refused when the branch
// requires reviews or status checks: those changes must come through a pull request.
import { GitHubError } from "../http/errors.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord } from "../types.ts";

export function assertMayUpdateBranch(_w: World, repo: RepoRecord, branch: string, options: { forced?: boolean; deleting?: boolean } = {}): void {
  const rule = repo.protections.get(branch);
  if (!rule) return;
  const docs = { documentationUrl: "https://docs.github.com/articles/about-protected-branches" };
  if (options.deleting) {
    if (!rule.allowDeletions) throw new GitHubError(422, `Cannot delete protected branch ${branch}.`, docs);
    return;
  }
  if (options.forced && !rule.allowForcePushes) throw new GitHubError(422, `Cannot force-push to protected branch ${branch}.`, docs);
  if (rule.requiredReviews || rule.requiredStatusChecks) throw new GitHubError(422, `Protected branch update failed for refs/heads/${branch}.`, docs);
}
