// GitHub closes issues that a closing keyword references, as GitHub documents: in the body of a
// pull request merged into the default branch, and in the message of every commit that reaches
// the default branch (a merge brings the branch's commits along). The keywords are close, closes,
// closed, fix, fixes, fixed, resolve, resolves, resolved, in any case, with an optional colon,
// before `#N`, `owner/repo#N`, `GH-N` or an issue's URL. GitHub scans the raw text: quotes and
// backticks around a reference do not stop it. Only open issues close (never pull requests).
import { setIssueState } from "./issue-actions.ts";
import { findIssue, findRepo, repoKey } from "../core/lookup.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, UserRecord } from "../types.ts";

const closing = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+(?:(?:([\w.-]+)\/([\w.-]+))?#(\d+)|gh-(\d+)|https?:\/\/[^\s/]+\/([\w.-]+)\/([\w.-]+)\/issues\/(\d+))/gi;

/** The issues `text` closes, as `owner/repo#N` keys resolved against `repo`. */
export function closingReferences(text: string, repo: RepoRecord): { repoKey: string; number: number }[] {
  return [...text.matchAll(closing)].map((match) => {
    const [, owner, name, hashNumber, ghNumber, urlOwner, urlName, urlNumber] = match;
    const key = owner && name ? repoKey(owner, name) : urlOwner && urlName ? repoKey(urlOwner, urlName) : repo.key;
    return { repoKey: key, number: Number(hashNumber ?? ghNumber ?? urlNumber) };
  });
}

export function closeReferencedIssues(w: World, repo: RepoRecord, texts: readonly string[], actor: UserRecord): void {
  for (const reference of texts.flatMap((text) => closingReferences(text, repo))) {
    const target = findRepo(w, reference.repoKey);
    const issue = target ? findIssue(w, target, reference.number) : undefined;
    if (issue && !issue.isPull && issue.state === "open") setIssueState(w, issue, "closed", "completed", actor);
  }
}
