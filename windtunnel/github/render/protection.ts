// Branch protection as GET /branches/{branch}/protection shows it.
import { repoApiUrl } from "./repo.ts";
import type { World } from "../core/world.ts";
import type { BranchProtection, RepoRecord } from "../types.ts";

export function renderProtection(w: World, repo: RepoRecord, branch: string, rule: BranchProtection): Record<string, unknown> {
  const url = `${repoApiUrl(w, repo)}/branches/${encodeURIComponent(branch)}/protection`;
  const checks = rule.requiredStatusChecks;
  const reviews = rule.requiredReviews;
  return {
    url,
    ...(checks
      ? {
          required_status_checks: {
            url: `${url}/required_status_checks`,
            strict: checks.strict,
            contexts: checks.checks.map((c) => c.context),
            contexts_url: `${url}/required_status_checks/contexts`,
            checks: checks.checks.map((c) => ({ context: c.context, app_id: c.appId })),
          },
        }
      : {}),
    ...(reviews
      ? {
          required_pull_request_reviews: {
            url: `${url}/required_pull_request_reviews`,
            dismiss_stale_reviews: reviews.dismissStaleReviews,
            require_code_owner_reviews: reviews.requireCodeOwnerReviews,
            required_approving_review_count: reviews.count,
            require_last_push_approval: reviews.requireLastPushApproval,
          },
        }
      : {}),
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: rule.enforceAdmins },
    required_linear_history: { enabled: false },
    allow_force_pushes: { enabled: rule.allowForcePushes },
    allow_deletions: { enabled: rule.allowDeletions },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
  };
}
