// The issue object (PRs are issues too: they carry a `pull_request` link block).
import { renderApp } from "./app.ts";
import { renderLabelIds } from "./label.ts";
import { renderReactionRollup } from "./reactions.ts";
import { repoApiUrl, repoHtmlUrl } from "./repo.ts";
import { renderUserId } from "./user.ts";
import { pullForIssue, repoOf } from "../core/lookup.ts";
import type { World } from "../core/world.ts";
import type { IssueRecord, RepoRecord } from "../types.ts";

/** What author_association says about a user in a repo (GitHub derives it from roles and history). */
export function authorAssociation(w: World, repo: RepoRecord, userId: number): string {
  const owner = w.state.users.get(repo.owner.toLowerCase());
  if (owner?.id === userId) return "OWNER";
  for (const [login, role] of repo.roles) {
    if (w.state.users.get(login)?.id === userId && role !== "none") return role === "read" || role === "triage" ? "CONTRIBUTOR" : "COLLABORATOR";
  }
  return "NONE";
}

export function renderIssue(w: World, issue: IssueRecord): Record<string, unknown> {
  const repo = repoOf(w, issue.repoKey);
  const api = `${repoApiUrl(w, repo)}/issues/${issue.number}`;
  const pull = issue.isPull ? pullForIssue(w, issue) : undefined;
  const comments = [...w.state.comments.values()].filter((c) => c.issueId === issue.id).length;
  const assignees = issue.assigneeIds.map((id) => renderUserId(w, id));
  return {
    url: api,
    repository_url: repoApiUrl(w, repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${repoHtmlUrl(w, repo)}/${issue.isPull ? "pull" : "issues"}/${issue.number}`,
    id: issue.id,
    node_id: issue.nodeId,
    number: issue.number,
    title: issue.title,
    user: renderUserId(w, issue.authorId),
    labels: renderLabelIds(w, issue.labelIds),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(w, repo, issue.authorId),
    active_lock_reason: null,
    ...(pull
      ? {
          draft: pull.draft,
          pull_request: {
            url: `${repoApiUrl(w, repo)}/pulls/${issue.number}`,
            html_url: `${repoHtmlUrl(w, repo)}/pull/${issue.number}`,
            diff_url: `${repoHtmlUrl(w, repo)}/pull/${issue.number}.diff`,
            patch_url: `${repoHtmlUrl(w, repo)}/pull/${issue.number}.patch`,
            merged_at: pull.mergedAt,
          },
        }
      : {}),
    body: issue.body,
    closed_by: issue.closedById === null ? null : renderUserId(w, issue.closedById),
    reactions: renderReactionRollup(w, api, { kind: "issue", id: issue.id }),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: issue.viaApp ? renderApp(w) : null,
    state_reason: issue.stateReason,
  };
}
