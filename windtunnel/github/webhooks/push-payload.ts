// The `push` webhook. Its repository object differs from the REST one: timestamps are Unix
// seconds and the owner carries name and email.
import { envelope } from "./envelope.ts";
import { commitsBetween } from "../git/ancestry.ts";
import { diffTrees } from "../git/diff-trees.ts";
import { emptyFlat, flattenTree } from "../git/flat-tree.ts";
import { findUser } from "../core/lookup.ts";
import { renderRepo, repoHtmlUrl } from "../render/repo.ts";
import { renderUser } from "../render/user.ts";
import type { World } from "../core/world.ts";
import type { CommitRecord, RepoRecord, UserRecord } from "../types.ts";

const ZERO = "0".repeat(40);
const unix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

function pushCommit(w: World, repo: RepoRecord, commit: CommitRecord): Record<string, unknown> {
  const parent = commit.parents[0] === undefined ? undefined : w.state.commits.get(commit.parents[0]);
  const changes = diffTrees(parent ? flattenTree(w, repo, parent.tree) : emptyFlat(), flattenTree(w, repo, commit.tree));
  const paths = (status: string) => changes.filter((c) => c.status === status).map((c) => c.path);
  const person = (sig: CommitRecord["author"]) => ({ name: sig.name, email: sig.email, date: sig.date });
  return {
    id: commit.sha,
    tree_id: commit.tree,
    distinct: true,
    message: commit.message,
    timestamp: commit.committer.date,
    url: `${repoHtmlUrl(w, repo)}/commit/${commit.sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    added: paths("added"),
    removed: paths("removed"),
    modified: [...paths("modified"), ...paths("changed")],
  };
}

export function pushPayload(w: World, repo: RepoRecord, ref: string, before: string | null, after: string | null, forced: boolean, actor: UserRecord): Record<string, unknown> {
  const range = after === null ? [] : commitsBetween(w, before ?? ZERO, after).slice(-20);
  const commits = range.flatMap((sha) => {
    const commit = w.state.commits.get(sha);
    return commit ? [pushCommit(w, repo, commit)] : [];
  });
  const headCommit = after === null ? undefined : w.state.commits.get(after);
  const email = `${actor.id}+${actor.login}@users.noreply.github.com`;
  const owner = findUser(w, repo.owner);
  const repository = {
    ...renderRepo(w, repo),
    owner: owner ? { ...renderUser(w, owner), name: owner.login, email: null } : null,
    created_at: unix(repo.createdAt),
    pushed_at: unix(repo.pushedAt),
    stargazers: 0,
    master_branch: repo.defaultBranch,
  };
  return envelope(w, repo, actor, {
    ref,
    before: before ?? ZERO,
    after: after ?? ZERO,
    pusher: { name: actor.login, email },
    created: before === null,
    deleted: after === null,
    forced,
    base_ref: null,
    compare: `${repoHtmlUrl(w, repo)}/compare/${(before ?? ZERO).slice(0, 12)}...${(after ?? ZERO).slice(0, 12)}`,
    commits,
    head_commit: headCommit ? pushCommit(w, repo, headCommit) : null,
  }, repository);
}
