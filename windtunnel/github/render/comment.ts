import { renderApp } from "./app.ts";
import { authorAssociation } from "./issue.ts";
import { renderReactionRollup } from "./reactions.ts";
import { repoApiUrl, repoHtmlUrl } from "./repo.ts";
import { appOfBot, renderUserId, userById } from "./user.ts";
import { repoOf } from "../core/lookup.ts";
import type { World } from "../core/world.ts";
import type { CommentRecord } from "../types.ts";

export function renderComment(w: World, comment: CommentRecord): Record<string, unknown> {
  const repo = repoOf(w, comment.repoKey);
  const issue = w.state.issues.get(comment.issueId);
  const api = `${repoApiUrl(w, repo)}/issues/comments/${comment.id}`;
  const number = issue?.number ?? 0;
  return {
    url: api,
    html_url: `${repoHtmlUrl(w, repo)}/${issue?.isPull ? "pull" : "issues"}/${number}#issuecomment-${comment.id}`,
    issue_url: `${repoApiUrl(w, repo)}/issues/${number}`,
    id: comment.id,
    node_id: comment.nodeId,
    user: renderUserId(w, comment.authorId),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(w, repo, comment.authorId),
    body: comment.body,
    reactions: renderReactionRollup(w, api, { kind: "comment", id: comment.id }),
    performed_via_github_app: comment.viaApp ? renderApp(w, appOfBot(w, userById(w, comment.authorId))?.id) : null,
  };
}
