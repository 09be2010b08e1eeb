// Moving, creating or deleting a ref, and what GitHub does next: a `push` event, and for open
// pull requests on that branch a `pull_request.synchronize` (or closing them when their head or
// base branch is deleted). Commits that reach the default branch close the issues their messages
// reference with a closing keyword.
import { closeReferencedIssues } from "./close-referenced-issues.ts";
import { setIssueState } from "./issue-actions.ts";
import { emitPullEvent } from "./emit-events.ts";
import { isoSeconds } from "../core/ids.ts";
import { issueOf } from "../core/lookup.ts";
import { commitsBetween } from "../git/ancestry.ts";
import { pushPayload } from "../webhooks/push-payload.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, UserRecord } from "../types.ts";

export function setRef(w: World, repo: RepoRecord, ref: string, sha: string | null, actor: UserRecord, forced = false): void {
  const before = repo.refs.get(ref) ?? null;
  if (before === sha) return;
  if (sha === null) repo.refs.delete(ref);
  else repo.refs.set(ref, sha);
  repo.pushedAt = isoSeconds(w.now());
  w.emit("push", pushPayload(w, repo, ref, before, sha, forced, actor));
  if (!ref.startsWith("refs/heads/")) return;
  const branch = ref.slice("refs/heads/".length);
  if (branch === repo.defaultBranch && before !== null && sha !== null) {
    closeReferencedIssues(w, repo, commitsBetween(w, before, sha).map((commit) => w.state.commits.get(commit)?.message ?? ""), actor);
  }
  for (const pull of [...w.state.pulls.values()]) {
    const issue = issueOf(w, pull);
    if (issue.state !== "open") continue;
    const isHead = pull.headRepoKey === repo.key && pull.headRef === branch;
    const isBase = pull.repoKey === repo.key && pull.baseRef === branch;
    if (sha === null && (isHead || isBase)) {
      setIssueState(w, issue, "closed", null, actor);
    } else if (sha !== null && isHead) {
      const previous = pull.headSha;
      pull.headSha = sha;
      issue.updatedAt = isoSeconds(w.now());
      emitPullEvent(w, pull, "synchronize", actor, { before: previous, after: sha });
    }
  }
}
