import { hasStatus, type GitHub, type Repo } from "./octokit.ts";

// The repo's own CI on a commit: check runs of other apps and commit statuses. Pitwall's own
// check runs (`pitwall/*`) are never CI.

export interface RepoCheck {
  name: string;
  status: "queued" | "in_progress" | "completed" | "pending";
  conclusion: string | null;
  /** Check runs only: where the annotations can be read. */
  checkRunId?: number | undefined;
  summary?: string | undefined;
  url?: string | undefined;
}

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

export interface BranchProtectionFacts {
  exists: boolean;
  /** Check names the branch requires before merging. */
  requiredChecks: string[];
  requiredApprovals: number;
}

/** What the base branch's protection requires; `exists: false` without protection (or without the right to read it). */
export async function readBranchProtection(gh: GitHub, repo: Repo, branch: string): Promise<BranchProtectionFacts> {
  try {
    const { data } = await gh.rest.repos.getBranchProtection({ ...repo, branch });
    const contexts = data.required_status_checks?.contexts ?? [];
    const checks = data.required_status_checks?.checks?.map((check) => check.context) ?? [];
    return {
      exists: true,
      requiredChecks: [...new Set([...contexts, ...checks])],
      requiredApprovals: data.required_pull_request_reviews?.required_approving_review_count ?? 0,
    };
  } catch (error) {
    if (hasStatus(error, 404) || hasStatus(error, 403)) return { exists: false, requiredChecks: [], requiredApprovals: 0 };
    throw error;
  }
}

/**
 * The repo's CI on a pull request's head: the checks its base branch's protection requires (not
 * Pitwall's own; `undefined` when it requires none) and every check reported on the commit.
 */
export async function readPullRequestCi(gh: GitHub, repo: Repo, pullNumber: number, sha: string): Promise<{ required: string[] | undefined; checks: RepoCheck[] }> {
  const { data: pull } = await gh.rest.pulls.get({ ...repo, pull_number: pullNumber });
  const protection = await readBranchProtection(gh, repo, pull.base.ref);
  const required = protection.requiredChecks.filter((name) => !name.startsWith("pitwall/"));
  return { required: required.length > 0 ? required : undefined, checks: await listRepoChecks(gh, repo, sha) };
}
