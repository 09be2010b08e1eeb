// Direct updates of a protected branch (ref PATCH, contents API) are refused when the branch
// requires reviews or status checks: those changes must come through a pull request. Rulesets
// refuse them the same way unless the actor may bypass the ruleset outside pull requests.
import { bypassModeOf, rulesetsFor } from "../actions/ruleset-match.ts";
import { GitHubError } from "../http/errors.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, RulesetRule, UserRecord } from "../types.ts";

function pushViolations(rule: RulesetRule, options: { forced?: boolean; deleting?: boolean }): string[] {
  if (rule.type === "deletion" && options.deleting) return ["Cannot delete this branch"];
  if (options.deleting) return [];
  if (rule.type === "non_fast_forward" && options.forced) return ["Cannot force-push to this branch"];
  if (rule.type === "update") return ["Cannot update this protected ref."];
  if (rule.type === "pull_request") return ["Changes must be made through a pull request."];
  if (rule.type === "required_status_checks") {
    const listed: unknown[] = Array.isArray(rule.parameters?.required_status_checks) ? rule.parameters.required_status_checks : [];
    const only = listed[0];
    if (listed.length === 1 && typeof only === "object" && only !== null && "context" in only && typeof only.context === "string") return [`Required status check "${only.context}" is expected.`];
    return [`${listed.length} of ${listed.length} required status checks are expected.`];
  }
  return [];
}

export function assertMayUpdateBranch(w: World, repo: RepoRecord, branch: string, options: { forced?: boolean; deleting?: boolean; actor?: UserRecord } = {}): void {
  const messages = rulesetsFor(w, repo, branch)
    .filter((ruleset) => {
      const mode = options.actor ? bypassModeOf(w, repo, ruleset, options.actor) : undefined;
      return mode !== "always" && mode !== "exempt";
    })
    .flatMap((ruleset) => ruleset.rules.flatMap((rule) => pushViolations(rule, options)));
  if (messages.length > 0) throw new GitHubError(422, `Repository rule violations found\n\n${[...new Set(messages)].join("\n\n")}\n\n`);
  const rule = repo.protections.get(branch);
  if (!rule) return;
  const docs = { documentationUrl: "https://docs.github.com/articles/about-protected-branches" };
  if (options.deleting) {
    if (!rule.allowDeletions) throw new GitHubError(422, `Cannot delete protected branch ${branch}.`, docs);
    return;
  }
  if (options.forced && !rule.allowForcePushes) throw new GitHubError(422, `Cannot force-push to protected branch ${branch}.`, docs);
  if (rule.requiredReviews || rule.requiredStatusChecks) throw new GitHubError(422, `Protected branch update failed for refs/heads/${branch}.`, docs);
}
