import type { BranchProtectionFacts, PullRequestCi, RepoCheck, RequiredCheck } from "../orchestrator/github-port.ts";
import { hasStatus, type GitHub, type Repo } from "./octokit.ts";

// The repo's own CI on a commit: check runs of other apps and commit statuses. Pitwall's own
// check runs (`pitwall/*`) are never CI.

export async function listRepoChecks(gh: GitHub, repo: Repo, sha: string): Promise<RepoCheck[]> {
  const runs = await gh.paginate(gh.rest.checks.listForRef, { ...repo, ref: sha, filter: "latest", per_page: 100 });
  const checks: RepoCheck[] = runs
    .filter((run) => !run.name.startsWith("pitwall/"))
    .map((run) => ({
      name: run.name,
      status: run.status === "completed" ? "completed" : run.status === "in_progress" ? "in_progress" : "queued",
      conclusion: run.conclusion ?? null,
      checkRunId: run.id,
      summary: run.output.summary ?? undefined,
      url: run.html_url ?? undefined,
    }));
  const { data: combined } = await gh.rest.repos.getCombinedStatusForRef({ ...repo, ref: sha, per_page: 100 });
  for (const status of combined.statuses) {
    if (status.context.startsWith("pitwall/")) continue;
    checks.push({
      name: status.context,
      status: status.state === "pending" ? "pending" : "completed",
      conclusion: status.state === "pending" ? null : status.state,
      statusId: status.id,
      summary: status.description ?? undefined,
      url: status.target_url ?? undefined,
    });
  }
  return checks;
}

/** The annotations of a failed check run, as lines an implementer can act on. */
export async function readCheckAnnotations(gh: GitHub, repo: Repo, checkRunId: number, limit = 50): Promise<string[]> {
  const { data } = await gh.rest.checks.listAnnotations({ ...repo, check_run_id: checkRunId, per_page: Math.min(limit, 100) });
  return data.slice(0, limit).map((annotation) => `${annotation.path}:${annotation.start_line}: ${annotation.annotation_level}: ${annotation.title ? `${annotation.title}: ` : ""}${annotation.message ?? ""}`);
}

const none: BranchProtectionFacts = { exists: false, requiredChecks: [], requiredApprovals: 0, checks: [], classicApprovals: 0, reviewRulesetIds: [] };

/** A token without the right to read something sees 403 or 404: treat it as absent. */
async function unlessHidden<T>(read: () => Promise<T>, absent: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (hasStatus(error, 404) || hasStatus(error, 403)) return absent;
    throw error;
  }
}

/**
 * What the branch requires before a merge: classic branch protection (GET …/protection, needs
 * Administration: read) and the active rules of repository rulesets (GET …/rules/branches/…).
 */
export async function readBranchProtection(gh: GitHub, repo: Repo, branch: string): Promise<BranchProtectionFacts> {
  const classic = await unlessHidden(async () => (await gh.rest.repos.getBranchProtection({ ...repo, branch })).data, undefined);
  const rules = await unlessHidden(() => gh.paginate(gh.rest.repos.getBranchRules, { ...repo, branch, per_page: 100 }), []);
  const checks: RequiredCheck[] = [];
  const classicChecks = classic?.required_status_checks;
  if (classicChecks) {
    const pinned = classicChecks.checks?.map((check) => ({ context: check.context, appId: check.app_id ?? null })) ?? [];
    const named = (classicChecks.contexts ?? []).filter((context) => !pinned.some((check) => check.context === context)).map((context) => ({ context, appId: null }));
    checks.push(...pinned, ...named);
  }
  const classicApprovals = classic?.required_pull_request_reviews?.required_approving_review_count ?? 0;
  let rulesetApprovals = 0;
  const reviewRulesetIds: number[] = [];
  for (const rule of rules) {
    if (rule.type === "required_status_checks") checks.push(...(rule.parameters?.required_status_checks ?? []).map((check) => ({ context: check.context, appId: check.integration_id ?? null })));
    if (rule.type === "pull_request" && (rule.parameters?.required_approving_review_count ?? 0) > 0) {
      rulesetApprovals = Math.max(rulesetApprovals, rule.parameters?.required_approving_review_count ?? 0);
      if (rule.ruleset_id !== undefined && !reviewRulesetIds.includes(rule.ruleset_id)) reviewRulesetIds.push(rule.ruleset_id);
    }
  }
  if (!classic && rules.length === 0) return none;
  return {
    exists: true,
    requiredChecks: [...new Set(checks.map((check) => check.context))],
    requiredApprovals: Math.max(classicApprovals, rulesetApprovals),
    checks,
    classicApprovals,
    reviewRulesetIds,
  };
}

/** The rulesets Pitwall itself may not bypass (`current_user_can_bypass` is "never"), by name. */
export async function rulesetsHoldingApp(gh: GitHub, repo: Repo, rulesetIds: readonly number[]): Promise<string[]> {
  const names: string[] = [];
  for (const id of rulesetIds) {
    const ruleset = await unlessHidden(async () => (await gh.rest.repos.getRepoRuleset({ ...repo, ruleset_id: id })).data, undefined);
    if (ruleset && (ruleset.current_user_can_bypass ?? "never") === "never") names.push(ruleset.name);
  }
  return names;
}

/**
 * The repo's CI on a pull request's head: the checks its base branch's protection requires (not
 * Pitwall's own; `undefined` when it requires none) and every check reported on the commit.
 */
export async function readPullRequestCi(gh: GitHub, repo: Repo, pullNumber: number, sha: string): Promise<PullRequestCi> {
  const { data: pull } = await gh.rest.pulls.get({ ...repo, pull_number: pullNumber });
  const protection = await readBranchProtection(gh, repo, pull.base.ref);
  const required = protection.requiredChecks.filter((name) => !name.startsWith("pitwall/"));
  return { required: required.length > 0 ? required : undefined, checks: await listRepoChecks(gh, repo, sha) };
}
