// The "commit" object of the commits and compare APIs (richer than the git commit).
import { renderDiffEntry } from "./diff-entry.ts";
import { renderSignature } from "./git.ts";
import { repoApiUrl, repoHtmlUrl } from "./repo.ts";
import { renderUserId } from "./user.ts";
import { nodeId } from "../core/ids.ts";
import { diffTrees } from "../git/diff-trees.ts";
import { emptyFlat, flattenTree } from "../git/flat-tree.ts";
import type { World } from "../core/world.ts";
import type { CommitRecord, RepoRecord } from "../types.ts";

export function renderCommitSummary(w: World, repo: RepoRecord, commit: CommitRecord): Record<string, unknown> {
  const api = repoApiUrl(w, repo);
  const html = repoHtmlUrl(w, repo);
  const user = commit.authorUserId === null ? null : renderUserId(w, commit.authorUserId);
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId("Commit", commit.sha),
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: renderSignature(commit.author),
      committer: renderSignature(commit.committer),
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    },
    author: user,
    committer: commit.committerUserId === undefined ? user : commit.committerUserId === null ? null : renderUserId(w, commit.committerUserId),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
  };
}

/** GET /commits/{ref}: the summary plus stats and files against the first parent. */
export function renderCommitWithFiles(w: World, repo: RepoRecord, commit: CommitRecord): Record<string, unknown> {
  const parent = commit.parents[0] === undefined ? undefined : w.state.commits.get(commit.parents[0]);
  const before = parent ? flattenTree(w, repo, parent.tree) : emptyFlat();
  const files = diffTrees(before, flattenTree(w, repo, commit.tree)).map((c) => renderDiffEntry(w, repo, c, commit.sha));
  const additions = files.reduce((n, f) => n + Number(f.additions), 0);
  const deletions = files.reduce((n, f) => n + Number(f.deletions), 0);
  return { ...renderCommitSummary(w, repo, commit), stats: { total: additions + deletions, additions, deletions }, files };
}
