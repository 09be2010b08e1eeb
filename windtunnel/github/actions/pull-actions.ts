// Opening pull requests, with GitHub's 422s for a missing branch, an empty range or a duplicate.
import { emitPullEvent } from "./emit-events.ts";
import { insertIssue } from "./issue-actions.ts";
import { nodeId } from "../core/ids.ts";
import { issueOf } from "../core/lookup.ts";
import { commitsBetween } from "../git/ancestry.ts";
import { branchSha } from "../git/refs.ts";
import { GitHubError, validationFailed } from "../http/errors.ts";
import type { World } from "../core/world.ts";
import type { PullRecord, RepoRecord, UserRecord } from "../types.ts";

export interface NewPull {
  title: string;
  body: string | null;
  author: UserRecord;
  headRepo: RepoRecord;
  headRef: string;
  baseRef: string;
  draft?: boolean;
  maintainerCanModify?: boolean;
}

export function openPull(w: World, repo: RepoRecord, input: NewPull): PullRecord {
  const headSha = branchSha(input.headRepo, input.headRef);
  const baseSha = branchSha(repo, input.baseRef);
  if (baseSha === undefined) throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  if (headSha === undefined) throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
  const label = `${input.headRepo.owner}:${input.headRef}`;
  const duplicate = [...w.state.pulls.values()].some(
    (p) => p.repoKey === repo.key && p.headRepoKey === input.headRepo.key && p.headRef === input.headRef && p.baseRef === input.baseRef && issueOf(w, p).state === "open",
  );
  if (duplicate) throw validationFailed({ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${label}.` });
  if (commitsBetween(w, baseSha, headSha).length === 0) {
    throw validationFailed({ resource: "PullRequest", code: "custom", message: `No commits between ${input.baseRef} and ${input.headRef}` });
  }
  const issue = insertIssue(w, repo, { title: input.title, body: input.body, author: input.author, isPull: true });
  const id = w.ids("pull");
  const pull: PullRecord = {
    id,
    nodeId: nodeId("PullRequest", id),
    repoKey: repo.key,
    number: issue.number,
    issueId: issue.id,
    headRepoKey: input.headRepo.key,
    headRef: input.headRef,
    headSha,
    baseRef: input.baseRef,
    baseSha,
    draft: input.draft ?? false,
    maintainerCanModify: input.maintainerCanModify ?? false,
    merged: false,
    mergedAt: null,
    mergedById: null,
    mergeCommitSha: null,
  };
  w.state.pulls.set(id, pull);
  emitPullEvent(w, pull, "opened", input.author);
  return pull;
}

/** PATCH /pulls/{n} with a new base: the base branch must exist. */
export function changeBase(w: World, repo: RepoRecord, pull: PullRecord, baseRef: string, actor: UserRecord): void {
  if (baseRef === pull.baseRef) return;
  const sha = branchSha(repo, baseRef);
  if (sha === undefined) throw new GitHubError(422, "Validation Failed", { errors: [{ resource: "PullRequest", field: "base", code: "invalid" }] });
  const from = pull.baseRef;
  pull.baseRef = baseRef;
  pull.baseSha = sha;
  emitPullEvent(w, pull, "edited", actor, { changes: { base: { ref: { from }, sha: { from: pull.baseSha } } } });
}
