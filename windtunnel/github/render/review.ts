import { authorAssociation } from "./issue.ts";
import { repoApiUrl, repoHtmlUrl } from "./repo.ts";
import { renderUserId } from "./user.ts";
import { repoOf } from "../core/lookup.ts";
import type { World } from "../core/world.ts";
import type { ReviewRecord } from "../types.ts";

export function renderReview(w: World, review: ReviewRecord): Record<string, unknown> {
  const repo = repoOf(w, review.repoKey);
  const pull = w.state.pulls.get(review.pullId);
  const number = pull?.number ?? 0;
  const html = `${repoHtmlUrl(w, repo)}/pull/${number}#pullrequestreview-${review.id}`;
  const pullUrl = `${repoApiUrl(w, repo)}/pulls/${number}`;
  return {
    id: review.id,
    node_id: review.nodeId,
    user: renderUserId(w, review.userId),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(w, repo, review.userId),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(review.submittedAt === null ? {} : { submitted_at: review.submittedAt }),
    commit_id: review.commitId,
  };
}
