// Merging a pull request and its reviews.
import { requirePull } from "./pull-routes.ts";
import { mergePull } from "../actions/merge-pull.ts";
import { submitReview, type ReviewEvent } from "../actions/review-actions.ts";
import { notFound } from "../http/errors.ts";
import { fieldLimits, limitLength } from "../http/field-limits.ts";
import { paginate } from "../http/paginate.ts";
import { str } from "../http/read-body.ts";
import { json, repoRoute, type Route } from "../http/route.ts";
import { renderReview } from "../render/review.ts";

const reviewEvents: ReviewEvent[] = ["APPROVE", "REQUEST_CHANGES", "COMMENT"];
const mergeMethods = ["merge", "squash", "rebase"] as const;

export const mergeReviewRoutes: Route[] = [
  repoRoute("PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", ["contents", "write"], (ctx) => {
    const pull = requirePull(ctx);
    const body = ctx.req.body;
    const method = mergeMethods.find((m) => m === str(body, "merge_method"));
    const sha = mergePull(
      ctx.w,
      ctx.repo,
      pull,
      {
        ...(str(body, "sha") !== undefined ? { sha: str(body, "sha") } : {}),
        ...(method ? { method } : {}),
        ...(str(body, "commit_title") !== undefined ? { title: str(body, "commit_title") } : {}),
        ...(str(body, "commit_message") !== undefined ? { message: str(body, "commit_message") } : {}),
      },
      ctx.caller.actor,
    );
    return json(200, { sha, merged: true, message: "Pull Request successfully merged" });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", ["pull_requests", "read"], (ctx) => {
    if (!requirePull(ctx).merged) throw notFound();
    return json(204);
  }),
  repoRoute("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", ["pull_requests", "write"], (ctx) => {
    const pull = requirePull(ctx);
    const event = reviewEvents.find((e) => e === str(ctx.req.body, "event"));
    const body = str(ctx.req.body, "body");
    // the review's body has the comment limit (not seen in a real answer: the resource is our guess)
    limitLength("PullRequestReview", "body", body, fieldLimits.body);
    const commitId = str(ctx.req.body, "commit_id");
    const review = submitReview(ctx.w, pull, { ...(event ? { event } : {}), ...(body !== undefined ? { body } : {}), ...(commitId ? { commitId } : {}) }, ctx.caller.actor);
    return json(200, renderReview(ctx.w, review));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", ["pull_requests", "read"], (ctx) => {
    const pull = requirePull(ctx);
    const reviews = [...ctx.w.state.reviews.values()].filter((r) => r.pullId === pull.id).sort((a, b) => a.id - b.id);
    const page = paginate(ctx.req, reviews);
    return json(200, page.items.map((r) => renderReview(ctx.w, r)), page.headers);
  }),
];
