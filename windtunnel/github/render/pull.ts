// The pull-request object (GET /pulls/{n}, pull_request webhooks).
import { authorAssociation } from "./issue.ts";
import { renderLabelIds } from "./label.ts";
import { renderRepo, repoApiUrl, repoHtmlUrl } from "./repo.ts";
import { renderUser, renderUserId } from "./user.ts";
import { mergeableState } from "../actions/merge-check.ts";
import { findUser, issueOf, repoOf } from "../core/lookup.ts";
import { commitsBetween, mergeBase } from "../git/ancestry.ts";
import { diffTrees } from "../git/diff-trees.ts";
import { flattenTree } from "../git/flat-tree.ts";
import { lineDiff } from "../git/line-diff.ts";
import { branchSha } from "../git/refs.ts";
import type { World } from "../core/world.ts";
import type { PullRecord, RepoRecord } from "../types.ts";

function renderSide(w: World, repo: RepoRecord, ref: string, sha: string): Record<string, unknown> {
  const owner = findUser(w, repo.owner);
  return { label: `${repo.owner}:${ref}`, ref, sha, user: owner ? renderUser(w, owner) : null, repo: renderRepo(w, repo) };
}

function stats(w: World, repo: RepoRecord, baseSha: string, headSha: string): Record<string, number> {
  const base = mergeBase(w, baseSha, headSha) ?? baseSha;
  const tree = (sha: string) => flattenTree(w, repo, w.state.commits.get(sha)?.tree ?? "");
  let additions = 0;
  let deletions = 0;
  const changes = diffTrees(tree(base), tree(headSha));
  for (const change of changes) {
    const text = (sha: string | undefined) => (sha === undefined ? "" : (w.state.blobs.get(sha)?.content.toString("utf8") ?? ""));
    const diff = lineDiff(text(change.before?.sha), text(change.after?.sha));
    additions += diff.additions;
    deletions += diff.deletions;
  }
  return { commits: commitsBetween(w, base, headSha).length, additions, deletions, changed_files: changes.length };
}

export function pullBaseSha(repo: RepoRecord, pull: PullRecord, open: boolean): string {
  return (open ? branchSha(repo, pull.baseRef) : undefined) ?? pull.baseSha;
}

export function renderPull(w: World, pull: PullRecord): Record<string, unknown> {
  const repo = repoOf(w, pull.repoKey);
  const headRepo = repoOf(w, pull.headRepoKey);
  const issue = issueOf(w, pull);
  const api = `${repoApiUrl(w, repo)}/pulls/${pull.number}`;
  const issueApi = `${repoApiUrl(w, repo)}/issues/${pull.number}`;
  const html = `${repoHtmlUrl(w, repo)}/pull/${pull.number}`;
  const open = issue.state === "open";
  const baseSha = pullBaseSha(repo, pull, open);
  const assignees = issue.assigneeIds.map((id) => renderUserId(w, id));
  const mergeable = mergeableState(w, repo, pull);
  const comments = [...w.state.comments.values()].filter((c) => c.issueId === issue.id).length;
  return {
    url: api,
    id: pull.id,
    node_id: pull.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApiUrl(w, repo)}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${repoApiUrl(w, repo)}/statuses/${pull.headSha}`,
    number: pull.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: renderUserId(w, issue.authorId),
    body: issue.body,
    labels: renderLabelIds(w, issue.labelIds),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: renderSide(w, headRepo, pull.headRef, pull.headSha),
    base: renderSide(w, repo, pull.baseRef, baseSha),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApiUrl(w, repo)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repoApiUrl(w, repo)}/statuses/${pull.headSha}` },
    },
    author_association: authorAssociation(w, repo, issue.authorId),
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: mergeable.mergeable,
    rebaseable: mergeable.mergeable,
    mergeable_state: mergeable.state,
    merged_by: pull.mergedById === null ? null : renderUserId(w, pull.mergedById),
    comments,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    ...stats(w, repo, baseSha, pull.headSha),
  };
}
