import { fitToLimit, githubLimits, type FitOptions } from "../domain/fit-to-limit.ts";
import { hasStatus, type GitHub, type Repo } from "./octokit.ts";
import { isOwnComment } from "./own-app.ts";
import { redactText } from "./redact-text.ts";
import type { OwnApp } from "../orchestrator/github-port.ts";
import { sentOnce } from "./sent-once.ts";

/**
 * Creates or edits the comment carrying `marker` on an issue or PR. `knownId` (from the store)
 * is tried first; otherwise the comments are searched for the marker, so a retried job that
 * posted but did not record the id still edits its own comment — only one `own` app wrote: anyone
 * can post a comment that starts with the marker. A body over GitHub's limit is cut, saying where
 * the whole text lives when `fit.wholeAt` names it.
 */
export async function upsertComment(gh: GitHub, own: OwnApp, repo: Repo, issueNumber: number, marker: string, body: string, knownId?: number | null, fit: Pick<FitOptions, "wholeAt"> = {}): Promise<number> {
  const text = fitToLimit(`${marker}\n${redactText(body)}`, githubLimits.body, fit);
  if (knownId) {
    try {
      await gh.rest.issues.updateComment({ ...repo, comment_id: knownId, body: text });
      return knownId;
    } catch (error) {
      // Someone deleted it: post it again.
      if (!hasStatus(error, 404)) throw error;
    }
  }
  const existing = await findCommentWithMarker(gh, own, repo, issueNumber, marker);
  if (existing !== undefined) {
    await gh.rest.issues.updateComment({ ...repo, comment_id: existing, body: text });
    return existing;
  }
  const { data } = await gh.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: text, ...sentOnce });
  return data.id;
}

async function findCommentWithMarker(gh: GitHub, own: OwnApp, repo: Repo, issueNumber: number, marker: string): Promise<number | undefined> {
  for await (const page of gh.paginate.iterator(gh.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 })) {
    const found = page.data.find((comment) => comment.body?.startsWith(marker) && isOwnComment(comment, own));
    if (found) return found.id;
  }
  return undefined;
}

export async function postComment(gh: GitHub, repo: Repo, issueNumber: number, body: string, fit: Pick<FitOptions, "wholeAt"> = {}): Promise<number> {
  const { data } = await gh.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: fitToLimit(redactText(body), githubLimits.body, fit), ...sentOnce });
  return data.id;
}
