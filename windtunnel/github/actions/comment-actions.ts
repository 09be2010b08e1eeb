// Issue and PR conversation comments and their `issue_comment` webhooks.
import { isoSeconds, nodeId } from "../core/ids.ts";
import { repoOf } from "../core/lookup.ts";
import { renderComment } from "../render/comment.ts";
import { renderIssue } from "../render/issue.ts";
import { appOfBot } from "../render/user.ts";
import { envelope } from "../webhooks/envelope.ts";
import type { World } from "../core/world.ts";
import type { CommentRecord, IssueRecord, UserRecord } from "../types.ts";

function emitComment(w: World, issue: IssueRecord, comment: CommentRecord, action: string, actor: UserRecord, extra: Record<string, unknown> = {}): void {
  const repo = repoOf(w, issue.repoKey);
  w.emit("issue_comment", envelope(w, repo, actor, { action, issue: renderIssue(w, issue), comment: renderComment(w, comment), ...extra }));
}

export function addComment(w: World, issue: IssueRecord, body: string, actor: UserRecord): CommentRecord {
  const id = w.ids("comment");
  const now = isoSeconds(w.now());
  const comment: CommentRecord = {
    id,
    nodeId: nodeId("IssueComment", id),
    repoKey: issue.repoKey,
    issueId: issue.id,
    body,
    authorId: actor.id,
    // An app's `<slug>[bot]` writes through its installation token: GitHub names the app.
    viaApp: appOfBot(w, actor) !== undefined,
    createdAt: now,
    updatedAt: now,
  };
  w.state.comments.set(id, comment);
  issue.updatedAt = now;
  emitComment(w, issue, comment, "created", actor);
  return comment;
}

export function editComment(w: World, issue: IssueRecord, comment: CommentRecord, body: string, actor: UserRecord): void {
  const from = comment.body;
  comment.body = body;
  comment.updatedAt = isoSeconds(w.now());
  if (from !== body) emitComment(w, issue, comment, "edited", actor, { changes: { body: { from } } });
}

export function deleteComment(w: World, issue: IssueRecord, comment: CommentRecord, actor: UserRecord): void {
  const rendered = renderComment(w, comment);
  w.state.comments.delete(comment.id);
  for (const [id, reaction] of w.state.reactions) if (reaction.subject.kind === "comment" && reaction.subject.id === comment.id) w.state.reactions.delete(id);
  // the issue is rendered after removal so its comment count is already down, as on GitHub
  const repo = repoOf(w, issue.repoKey);
  w.emit("issue_comment", envelope(w, repo, actor, { action: "deleted", issue: renderIssue(w, issue), comment: rendered }));
}
