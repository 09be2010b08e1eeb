// Branches and classic branch protection (the rules a merge must satisfy).
import { notFound, unprocessable } from "../http/errors.ts";
import { paginate } from "../http/paginate.ts";
import { asRecord, bool, isRecord, list, num } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderCommitSummary } from "../render/commit.ts";
import { renderProtection } from "../render/protection.ts";
import { repoApiUrl, repoHtmlUrl } from "../render/repo.ts";
import { findUser } from "../core/lookup.ts";
import { branchSha } from "../git/refs.ts";
import type { BranchProtection } from "../types.ts";

function requireBranch({ repo, req }: RepoRouteContext): { branch: string; sha: string } {
  const branch = req.params.branch ?? "";
  const sha = branchSha(repo, branch);
  if (sha === undefined) throw notFound("Branch not found");
  return { branch, sha };
}

function parseProtection(ctx: RepoRouteContext): BranchProtection {
  const body = asRecord(ctx.req.body);
  const checks = isRecord(body.required_status_checks) ? body.required_status_checks : null;
  const reviews = isRecord(body.required_pull_request_reviews) ? body.required_pull_request_reviews : null;
  if (body.restrictions !== null && findUser(ctx.w, ctx.repo.owner)?.type !== "Organization") {
    throw unprocessable("Only organization repositories can have users and team restrictions");
  }
  const count = reviews ? (num(reviews, "required_approving_review_count") ?? 1) : 0;
  if (count < 0 || count > 6) throw unprocessable("Invalid request.\n\nrequired_approving_review_count must be between 0 and 6.");
  const named = list(checks, "checks")?.filter(isRecord) ?? [];
  const contexts = list(checks, "contexts")?.filter((c): c is string => typeof c === "string") ?? [];
  return {
    requiredStatusChecks: checks
      ? {
          strict: bool(checks, "strict") ?? false,
          checks:
            named.length > 0
              ? named.map((c) => ({ context: String(c.context), appId: typeof c.app_id === "number" && c.app_id > 0 ? c.app_id : null }))
              : contexts.map((context) => ({ context, appId: null })),
        }
      : null,
    requiredReviews: reviews
      ? {
          count,
          dismissStaleReviews: bool(reviews, "dismiss_stale_reviews") ?? false,
          requireCodeOwnerReviews: bool(reviews, "require_code_owner_reviews") ?? false,
          requireLastPushApproval: bool(reviews, "require_last_push_approval") ?? false,
        }
      : null,
    enforceAdmins: body.enforce_admins === true,
    allowForcePushes: body.allow_force_pushes === true,
    allowDeletions: body.allow_deletions === true,
  };
}

export const branchRoutes: Route[] = [
  repoRoute("GET", "/repos/{owner}/{repo}/branches", ["contents", "read"], ({ w, repo, req }) => {
    const protectedOnly = req.query.get("protected") === "true";
    const branches = [...repo.refs]
      .filter(([ref]) => ref.startsWith("refs/heads/"))
      .map(([ref, sha]) => ({ name: ref.slice("refs/heads/".length), sha }))
      .filter((b) => !protectedOnly || repo.protections.has(b.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((b) => ({ name: b.name, commit: { sha: b.sha, url: `${repoApiUrl(w, repo)}/commits/${b.sha}` }, protected: repo.protections.has(b.name) }));
    const page = paginate(req, branches);
    return json(200, page.items, page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/branches/{branch}", ["contents", "read"], (ctx) => {
    const { w, repo } = ctx;
    const { branch, sha } = requireBranch(ctx);
    const commit = w.state.commits.get(sha);
    const rule = repo.protections.get(branch);
    const contexts = rule?.requiredStatusChecks?.checks ?? [];
    return json(200, {
      name: branch,
      commit: commit ? renderCommitSummary(w, repo, commit) : null,
      _links: { self: `${repoApiUrl(w, repo)}/branches/${encodeURIComponent(branch)}`, html: `${repoHtmlUrl(w, repo)}/tree/${branch}` },
      protected: rule !== undefined,
      protection: {
        enabled: rule !== undefined,
        required_status_checks: {
          enforcement_level: rule?.requiredStatusChecks ? "non_admins" : "off",
          contexts: contexts.map((c) => c.context),
          checks: contexts.map((c) => ({ context: c.context, app_id: c.appId })),
        },
      },
      protection_url: `${repoApiUrl(w, repo)}/branches/${encodeURIComponent(branch)}/protection`,
    });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/branches/{branch}/protection", ["administration", "read"], (ctx) => {
    const { branch } = requireBranch(ctx);
    const rule = ctx.repo.protections.get(branch);
    if (!rule) throw notFound("Branch not protected");
    return json(200, renderProtection(ctx.w, ctx.repo, branch, rule));
  }),
  repoRoute("PUT", "/repos/{owner}/{repo}/branches/{branch}/protection", ["administration", "write"], (ctx) => {
    const { branch } = requireBranch(ctx);
    const rule = parseProtection(ctx);
    ctx.repo.protections.set(branch, rule);
    return json(200, renderProtection(ctx.w, ctx.repo, branch, rule));
  }),
  repoRoute("DELETE", "/repos/{owner}/{repo}/branches/{branch}/protection", ["administration", "write"], (ctx) => {
    const { branch } = requireBranch(ctx);
    if (!ctx.repo.protections.delete(branch)) throw notFound("Branch not protected");
    return json(204);
  }),
];
