// Pull request reviews and `pull_request_review.submitted` (whose review.state is lower case).
import { isoSeconds, nodeId } from "../core/ids.ts";
import { issueOf, repoOf } from "../core/lookup.ts";
import { GitHubError } from "../http/errors.ts";
import { renderPull } from "../render/pull.ts";
import { renderReview } from "../render/review.ts";
import { envelope } from "../webhooks/envelope.ts";
import type { World } from "../core/world.ts";
import type { PullRecord, ReviewRecord, ReviewState, UserRecord } from "../types.ts";

export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

const stateOf: Record<ReviewEvent, ReviewState> = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", COMMENT: "COMMENTED" };

export function submitReview(w: World, pull: PullRecord, input: { event?: ReviewEvent; body?: string; commitId?: string }, actor: UserRecord): ReviewRecord {
  const issue = issueOf(w, pull);
  const unprocessable = (why: string) => new GitHubError(422, "Unprocessable Entity", { errors: [why] });
  if (input.event === "APPROVE" && issue.authorId === actor.id) throw unprocessable("Can not approve your own pull request");
  if (input.event === "REQUEST_CHANGES" && issue.authorId === actor.id) throw unprocessable("Can not request changes on your own pull request");
  if ((input.event === "REQUEST_CHANGES" || input.event === "COMMENT") && !input.body) {
    throw unprocessable(`Body is required when using the ${input.event} event`);
  }
  if (input.commitId !== undefined && !w.state.commits.has(input.commitId)) throw unprocessable("Commit id is not part of the pull request");
  const id = w.ids("review");
  const review: ReviewRecord = {
    id,
    nodeId: nodeId("PullRequestReview", id),
    repoKey: pull.repoKey,
    pullId: pull.id,
    userId: actor.id,
    body: input.body ?? "",
    state: input.event ? stateOf[input.event] : "PENDING",
    commitId: input.commitId ?? pull.headSha,
    submittedAt: input.event ? isoSeconds(w.now()) : null,
  };
  w.state.reviews.set(id, review);
  if (input.event) {
    const repo = repoOf(w, pull.repoKey);
    // webhooks spell the state in lower case ("approved"), unlike REST ("APPROVED")
    const rendered = { ...renderReview(w, review), state: review.state.toLowerCase() };
    w.emit("pull_request_review", envelope(w, repo, actor, { action: "submitted", review: rendered, pull_request: renderPull(w, pull) }));
  }
  return review;
}
