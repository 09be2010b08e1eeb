// PUT /pulls/{n}/merge: GitHub's refusals (405 not mergeable, protection, conflict; 409 head
// moved), then a merge commit (or squash), the base ref advanced and `pull_request.closed`, and
// the issues the PR closes with a keyword closed.
import { closeReferencedIssues } from "./close-referenced-issues.ts";
import { setIssueState } from "./issue-actions.ts";
import { checkMerge } from "./merge-check.ts";
import { bypassModeOf } from "./ruleset-match.ts";
import { setRef } from "./update-ref.ts";
import { isoSeconds } from "../core/ids.ts";
import { issueOf } from "../core/lookup.ts";
import { commitsBetween } from "../git/ancestry.ts";
import { buildTree } from "../git/flat-tree.ts";
import { writeCommit } from "../git/objects.ts";
import { branchRef } from "../git/refs.ts";
import { GitHubError } from "../http/errors.ts";
import type { World } from "../core/world.ts";
import type { PullRecord, RepoRecord, UserRecord } from "../types.ts";

export interface MergeOptions {
  sha?: string;
  method?: "merge" | "squash" | "rebase";
  title?: string;
  message?: string;
}

const protectedDocs = "https://docs.github.com/articles/about-protected-branches";
const mergeDocs = "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request";

export function mergePull(w: World, repo: RepoRecord, pull: PullRecord, options: MergeOptions, actor: UserRecord): string {
  const issue = issueOf(w, pull);
  if (pull.merged || issue.state === "closed") throw new GitHubError(405, "Pull Request is not mergeable");
  if (options.sha !== undefined && options.sha !== pull.headSha) throw new GitHubError(409, "Head branch was modified. Review and try the merge again.");
  if (pull.draft) throw new GitHubError(405, "Pull Request is still a draft");
  const check = checkMerge(w, repo, pull);
  const firstBlocker = check.blockers[0];
  if (firstBlocker !== undefined) throw new GitHubError(405, firstBlocker, { documentationUrl: protectedDocs });
  // A bypass actor of a ruleset merges despite its rules (any bypass mode covers pull requests).
  const violations = check.ruleViolations.filter((v) => {
    const ruleset = w.state.rulesets.get(v.rulesetId);
    return ruleset !== undefined && bypassModeOf(w, repo, ruleset, actor) === undefined;
  });
  if (violations.length > 0) throw new GitHubError(405, `Repository rule violations found\n\n${[...new Set(violations.map((v) => v.message))].join("\n\n")}\n\n`, { documentationUrl: mergeDocs });
  if (!check.tree || check.baseSha === undefined) throw new GitHubError(405, "Merge conflict");

  const now = isoSeconds(w.now());
  const method = options.method ?? "merge";
  const author = { name: actor.login, email: `${actor.id}+${actor.login}@users.noreply.github.com`, date: now };
  const committer = { name: "GitHub", email: "noreply@github.com", date: now };
  const headLabel = `${pull.headRepoKey === repo.key ? repo.owner : pull.headRepoKey.split("/")[0]}/${pull.headRef}`;
  const squashBody = commitsBetween(w, check.mergeBase ?? check.baseSha, pull.headSha)
    .map((sha) => `* ${w.state.commits.get(sha)?.message ?? ""}`)
    .join("\n\n");
  const title = options.title ?? (method === "merge" ? `Merge pull request #${pull.number} from ${headLabel}` : `${issue.title} (#${pull.number})`);
  const message = options.message ?? (method === "merge" ? issue.title : squashBody);
  const sha = writeCommit(w, repo, {
    tree: buildTree(w, repo, check.tree),
    // squash and rebase produce one commit on top of the base (rebase simplified to one commit)
    parents: method === "merge" ? [check.baseSha, pull.headSha] : [check.baseSha],
    message: message === "" ? title : `${title}\n\n${message}`,
    author,
    committer,
    authorUserId: actor.id,
  });
  setRef(w, repo, branchRef(pull.baseRef), sha, actor);
  pull.merged = true;
  pull.baseSha = check.baseSha;
  pull.mergedAt = now;
  pull.mergedById = actor.id;
  pull.mergeCommitSha = sha;
  setIssueState(w, issue, "closed", null, actor);
  // A pull request into the default branch closes the issues its body references with a
  // closing keyword (its commits' messages did as the base moved).
  if (pull.baseRef === repo.defaultBranch) closeReferencedIssues(w, repo, [issue.body ?? ""], actor);
  return sha;
}
