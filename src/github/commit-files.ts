import type { CommitFilesRequest, CommittedFiles } from "../orchestrator/github-port.ts";
import { commitMessageLimit, fitToLimit } from "../domain/fit-to-limit.ts";
import { githubTime } from "../domain/github-time.ts";
import { hasStatus, type GitHub, type Repo } from "./octokit.ts";
import { redactText } from "./redact-text.ts";

/**
 * Commits all `files` as one commit on `branch` through the Git Data API (one tree, one commit,
 * one ref update). A branch that exists gets the commit on top of its head; if the tree would
 * not change, no commit is made, so a retried job does not stack empty commits.
 */
export async function commitFiles(gh: GitHub, repo: Repo, request: CommitFilesRequest): Promise<CommittedFiles> {
  const ref = `heads/${request.branch}`;
  const existingHead = await getRefSha(gh, repo, ref);
  const parentSha = existingHead ?? request.baseSha;
  const { data: parent } = await gh.rest.git.getCommit({ ...repo, commit_sha: parentSha });
  const { data: tree, headers } = await gh.rest.git.createTree({
    ...repo,
    base_tree: parent.tree.sha,
    tree: request.files.map((file) =>
      file.content === null
        ? { path: file.path, mode: "100644" as const, type: "blob" as const, sha: null }
        : { path: file.path, mode: "100644" as const, type: "blob" as const, content: file.content },
    ),
  });
  // The head's time is GitHub's: the date GitHub gives the commit it creates (Pitwall sets none),
  // or, when nothing changed, GitHub's clock now (the existing head's own date was set by whoever
  // pushed it).
  if (existingHead && tree.sha === parent.tree.sha) return { commitSha: existingHead, treeSha: tree.sha, created: false, at: githubTime(headers.date) };
  const { data: commit } = await gh.rest.git.createCommit({ ...repo, message: fitToLimit(redactText(request.message), commitMessageLimit), tree: tree.sha, parents: [parentSha] });
  await request.beforeBranchMoves?.(commit.sha);
  if (existingHead) await gh.rest.git.updateRef({ ...repo, ref, sha: commit.sha, force: false });
  else await gh.rest.git.createRef({ ...repo, ref: `refs/${ref}`, sha: commit.sha });
  return { commitSha: commit.sha, treeSha: tree.sha, created: true, at: githubTime(commit.committer.date) };
}

export async function getRefSha(gh: GitHub, repo: Repo, ref: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.git.getRef({ ...repo, ref });
    return data.object.sha;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}
