import type { RulesetInput } from "./github/index.ts";

/** The ruleset of README "Installing on GitHub", step 3, for the app with this id. */
export const pitwallRuleset = (appId: number): RulesetInput => ({
  name: "Pitwall gates",
  target: "branch",
  enforcement: "active",
  conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
  bypass_actors: [{ actor_id: appId, actor_type: "Integration", bypass_mode: "pull_request" }],
  rules: [
    { type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "pitwall/gate", integration_id: appId }] } },
    { type: "pull_request", parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, require_code_owner_review: false, require_last_push_approval: false, required_review_thread_resolution: false } },
  ],
});
