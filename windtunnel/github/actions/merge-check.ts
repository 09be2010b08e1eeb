// Can this pull request merge right now? The three-way merge of base and head, and what branch
// protection still asks for. Both the PR's `mergeable_state` and the merge endpoint use it.
import { findUser, issueOf, latestStatuses } from "../core/lookup.ts";
import { mergeBase } from "../git/ancestry.ts";
import { emptyFlat, flattenTree, type FlatTree } from "../git/flat-tree.ts";
import { mergeTrees } from "../git/merge-trees.ts";
import { branchSha } from "../git/refs.ts";
import { rulesetsFor } from "./ruleset-match.ts";
import type { World } from "../core/world.ts";
import type { BranchProtection, PullRecord, RepoRecord, RulesetRule } from "../types.ts";

export interface MergeCheck {
  baseSha: string | undefined;
  headSha: string;
  mergeBase: string | undefined;
  tree: FlatTree | undefined;
  conflicts: string[];
  /** branch protection messages, GitHub's wording, most important first */
  blockers: string[];
  /** what the base branch's active rulesets still ask for, per ruleset (bypass actors may merge anyway) */
  ruleViolations: { rulesetId: number; message: string }[];
}

const passing = new Set(["success", "neutral", "skipped"]);

function writers(w: World, repo: RepoRecord): Set<number> {
  const ids = new Set<number>();
  const owner = findUser(w, repo.owner);
  if (owner) ids.add(owner.id);
  for (const [login, role] of repo.roles) {
    const user = findUser(w, login);
    if (user && (role === "admin" || role === "maintain" || role === "write")) ids.add(user.id);
  }
  return ids;
}

function reviewBlockers(w: World, repo: RepoRecord, pull: PullRecord, rule: NonNullable<BranchProtection["requiredReviews"]>): string[] {
  const canWrite = writers(w, repo);
  const latest = new Map<number, { state: string; commitId: string }>();
  const reviews = [...w.state.reviews.values()].filter((r) => r.pullId === pull.id && r.state !== "COMMENTED" && r.state !== "PENDING");
  for (const review of reviews.sort((a, b) => a.id - b.id)) latest.set(review.userId, { state: review.state, commitId: review.commitId });
  let approvals = 0;
  let changesRequested = false;
  for (const [userId, review] of latest) {
    const user = [...w.state.users.values()].find((u) => u.id === userId);
    // reviews from apps do not count towards required approvals
    if (!user || user.type === "Bot" || !canWrite.has(userId)) continue;
    if (rule.dismissStaleReviews && review.commitId !== pull.headSha) continue;
    if (review.state === "APPROVED") approvals++;
    if (review.state === "CHANGES_REQUESTED") changesRequested = true;
  }
  if (changesRequested) return ["Changes have been requested by a reviewer with write access."];
  if (approvals >= rule.count) return [];
  const n = rule.count;
  return [`At least ${n} approving review${n === 1 ? " is" : "s are"} required by reviewers with write access.`];
}

function checkBlockers(w: World, repo: RepoRecord, pull: PullRecord, rule: NonNullable<BranchProtection["requiredStatusChecks"]>): string[] {
  const missing: string[] = [];
  const other: string[] = [];
  for (const required of rule.checks) {
    const runs = [...w.state.checkRuns.values()].filter(
      (r) => r.repoKey === repo.key && r.headSha === pull.headSha && r.name === required.context && (required.appId === null || r.appId === required.appId),
    );
    const latest = runs.sort((a, b) => b.id - a.id)[0];
    // a commit status with the context can satisfy the check too (unless it is pinned to an app)
    const status = required.appId === null ? latestStatuses(w, repo.key, pull.headSha).find((s) => s.context === required.context) : undefined;
    if (status?.state === "success" || (latest?.status === "completed" && passing.has(latest.conclusion ?? ""))) continue;
    if (!latest && !status) missing.push(required.context);
    else if (latest?.status === "completed" || status?.state === "failure" || status?.state === "error") other.push(`Required status check "${required.context}" is failing.`);
    else other.push(`Required status check "${required.context}" is in progress.`);
  }
  const expected =
    missing.length === 0 ? [] : missing.length === 1 ? [`Required status check "${missing[0]}" is expected.`] : [`${missing.length} of ${rule.checks.length} required status checks are expected.`];
  return [...other, ...expected];
}

export function checkMerge(w: World, repo: RepoRecord, pull: PullRecord): MergeCheck {
  const baseSha = branchSha(repo, pull.baseRef);
  const headSha = pull.headSha;
  const base = baseSha === undefined ? undefined : mergeBase(w, baseSha, headSha);
  const result: MergeCheck = { baseSha, headSha, mergeBase: base, tree: undefined, conflicts: [], blockers: [], ruleViolations: [] };
  if (baseSha === undefined) return result;
  const flat = (sha: string | undefined): FlatTree => {
    const commit = sha === undefined ? undefined : w.state.commits.get(sha);
    return commit ? flattenTree(w, repo, commit.tree) : emptyFlat();
  };
  const merged = mergeTrees(flat(base), flat(baseSha), flat(headSha));
  result.tree = merged.conflicts.length === 0 ? merged.tree : undefined;
  result.conflicts = merged.conflicts;
  const rule = repo.protections.get(pull.baseRef);
  if (rule?.requiredReviews) result.blockers.push(...reviewBlockers(w, repo, pull, rule.requiredReviews));
  if (rule?.requiredStatusChecks) {
    result.blockers.push(...checkBlockers(w, repo, pull, rule.requiredStatusChecks));
    if (rule.requiredStatusChecks.strict && base !== baseSha) result.blockers.push("Head branch is not up to date with the base branch.");
  }
  for (const ruleset of rulesetsFor(w, repo, pull.baseRef)) {
    for (const message of ruleset.rules.flatMap((r) => ruleMessages(w, repo, pull, r, base === baseSha))) result.ruleViolations.push({ rulesetId: ruleset.id, message });
  }
  return result;
}

const flag = (parameters: Record<string, unknown> | undefined, key: string): boolean => parameters?.[key] === true;

/** What one ruleset rule still asks of the pull request; rules the fake does not model ask nothing. */
function ruleMessages(w: World, repo: RepoRecord, pull: PullRecord, rule: RulesetRule, upToDate: boolean): string[] {
  const p = rule.parameters;
  if (rule.type === "pull_request") {
    const count = typeof p?.required_approving_review_count === "number" ? p.required_approving_review_count : 0;
    return reviewBlockers(w, repo, pull, { count, dismissStaleReviews: flag(p, "dismiss_stale_reviews_on_push"), requireCodeOwnerReviews: flag(p, "require_code_owner_review"), requireLastPushApproval: flag(p, "require_last_push_approval") });
  }
  if (rule.type === "required_status_checks") {
    const listed = Array.isArray(p?.required_status_checks) ? p.required_status_checks : [];
    const checks = listed.flatMap((c: unknown) =>
      typeof c === "object" && c !== null && "context" in c && typeof c.context === "string"
        ? [{ context: c.context, appId: "integration_id" in c && typeof c.integration_id === "number" ? c.integration_id : null }]
        : [],
    );
    const strict = flag(p, "strict_required_status_checks_policy");
    return [...checkBlockers(w, repo, pull, { strict, checks }), ...(strict && !upToDate ? ["Head branch is not up to date with the base branch."] : [])];
  }
  return [];
}

export function mergeableState(w: World, repo: RepoRecord, pull: PullRecord): { mergeable: boolean | null; state: string } {
  if (issueOf(w, pull).state === "closed") return { mergeable: null, state: "unknown" };
  const check = checkMerge(w, repo, pull);
  if (check.conflicts.length > 0 || check.baseSha === undefined) return { mergeable: false, state: "dirty" };
  if (pull.draft) return { mergeable: true, state: "draft" };
  if (check.blockers.length > 0 || check.ruleViolations.length > 0) return { mergeable: true, state: "blocked" };
  return { mergeable: true, state: "clean" };
}
