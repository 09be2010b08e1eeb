// Issue (and PR conversation) comments, and reactions on comments and issues.
import { requireIssue } from "./issue-routes.ts";
import { addComment, deleteComment, editComment } from "../actions/comment-actions.ts";
import { isoSeconds, nodeId } from "../core/ids.ts";
import { validationFailed, notFound } from "../http/errors.ts";
import { fieldLimits, limitLength } from "../http/field-limits.ts";
import { paginate } from "../http/paginate.ts";
import { intParam, str } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderComment } from "../render/comment.ts";
import { renderUser } from "../render/user.ts";
import type { World } from "../core/world.ts";
import type { CommentRecord, IssueRecord, ReactionContent, ReactionRecord, UserRecord } from "../types.ts";

function checkBody(body: string): string {
  limitLength("IssueComment", "body", body, fieldLimits.body);
  return body;
}

function requireComment({ w, repo, req }: RepoRouteContext): { comment: CommentRecord; issue: IssueRecord } {
  const comment = w.state.comments.get(intParam(req.params.comment_id));
  const issue = comment ? w.state.issues.get(comment.issueId) : undefined;
  if (!comment || !issue || comment.repoKey !== repo.key) throw notFound();
  return { comment, issue };
}

const contents: ReactionContent[] = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

function react(w: World, subject: ReactionRecord["subject"], content: string | undefined, user: UserRecord) {
  const kind = contents.find((c) => c === content);
  if (!kind) throw validationFailed({ resource: "Reaction", code: "invalid", field: "content" });
  const render = (r: ReactionRecord) => ({ id: r.id, node_id: r.nodeId, user: renderUser(w, user), content: r.content, created_at: r.createdAt });
  for (const r of w.state.reactions.values()) {
    if (r.subject.kind === subject.kind && r.subject.id === subject.id && r.userId === user.id && r.content === kind) return json(200, render(r));
  }
  const id = w.ids("reaction");
  const reaction: ReactionRecord = { id, nodeId: nodeId("Reaction", id), subject, content: kind, userId: user.id, createdAt: isoSeconds(w.now()) };
  w.state.reactions.set(id, reaction);
  return json(201, render(reaction));
}

export const commentRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", ["issues", "write"], (ctx) => {
    const issue = requireIssue(ctx);
    const comment = addComment(ctx.w, issue, checkBody(str(ctx.req.body, "body") ?? ""), ctx.caller.actor);
    return json(201, renderComment(ctx.w, comment), { location: `${ctx.w.urls.api}/repos/${ctx.repo.owner}/${ctx.repo.name}/issues/comments/${comment.id}` });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", ["issues", "read"], (ctx) => {
    const issue = requireIssue(ctx);
    const since = ctx.req.query.get("since");
    const comments = [...ctx.w.state.comments.values()]
      .filter((c) => c.issueId === issue.id && (since === null || c.updatedAt >= isoSeconds(new Date(since))))
      .sort((a, b) => a.id - b.id);
    const page = paginate(ctx.req, comments);
    return json(200, page.items.map((c) => renderComment(ctx.w, c)), page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/issues/comments", ["issues", "read"], ({ w, repo, req }) => {
    const comments = [...w.state.comments.values()].filter((c) => c.repoKey === repo.key).sort((a, b) => a.id - b.id);
    const page = paginate(req, comments);
    return json(200, page.items.map((c) => renderComment(w, c)), page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}", ["issues", "read"], (ctx) => json(200, renderComment(ctx.w, requireComment(ctx).comment))),
  repoRoute("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", ["issues", "write"], (ctx) => {
    const { comment, issue } = requireComment(ctx);
    editComment(ctx.w, issue, comment, checkBody(str(ctx.req.body, "body") ?? ""), ctx.caller.actor);
    return json(200, renderComment(ctx.w, comment));
  }),
  repoRoute("DELETE", "/repos/{owner}/{repo}/issues/comments/{comment_id}", ["issues", "write"], (ctx) => {
    const { comment, issue } = requireComment(ctx);
    deleteComment(ctx.w, issue, comment, ctx.caller.actor);
    return json(204);
  }),
  repoRoute("POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", ["issues", "write"], (ctx) => {
    const { comment } = requireComment(ctx);
    return react(ctx.w, { kind: "comment", id: comment.id }, str(ctx.req.body, "content"), ctx.caller.actor);
  }),
  repoRoute("POST", "/repos/{owner}/{repo}/issues/{issue_number}/reactions", ["issues", "write"], (ctx) => {
    const issue = requireIssue(ctx);
    return react(ctx.w, { kind: "issue", id: issue.id }, str(ctx.req.body, "content"), ctx.caller.actor);
  }),
];
