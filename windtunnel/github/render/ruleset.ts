// A repository ruleset as GET /repos/{owner}/{repo}/rulesets/{id} shows it, and the rules of
// GET /repos/{owner}/{repo}/rules/branches/{branch}.
import { repoApiUrl, repoHtmlUrl } from "./repo.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, RulesetBypassActor, RulesetRecord, RulesetRule } from "../types.ts";

/** `current_user_can_bypass` spells the modes differently from `bypass_mode`. */
const canBypass = { always: "always", pull_request: "pull_requests_only", exempt: "exempt" } as const;

export function renderRuleset(
  w: World,
  repo: RepoRecord,
  ruleset: RulesetRecord,
  viewer: { bypassMode: RulesetBypassActor["bypassMode"] | undefined; mayAdminister: boolean },
  full = true,
): Record<string, unknown> {
  const links = { self: { href: `${repoApiUrl(w, repo)}/rulesets/${ruleset.id}` }, html: { href: `${repoHtmlUrl(w, repo)}/rules/${ruleset.id}` } };
  const summary = {
    id: ruleset.id,
    name: ruleset.name,
    target: ruleset.target,
    source_type: "Repository",
    source: `${repo.owner}/${repo.name}`,
    enforcement: ruleset.enforcement,
    node_id: ruleset.nodeId,
    _links: links,
    created_at: ruleset.createdAt,
    updated_at: ruleset.updatedAt,
  };
  if (!full) return summary;
  return {
    ...summary,
    // GitHub shows the bypass list only to those who may edit the ruleset
    ...(viewer.mayAdminister ? { bypass_actors: ruleset.bypassActors.map((a) => ({ actor_id: a.actorId, actor_type: a.actorType, bypass_mode: a.bypassMode })) } : {}),
    current_user_can_bypass: viewer.bypassMode === undefined ? "never" : canBypass[viewer.bypassMode],
    conditions: { ref_name: { include: ruleset.include, exclude: ruleset.exclude } },
    rules: ruleset.rules.map(renderRule),
  };
}

export const renderRule = (rule: RulesetRule): Record<string, unknown> => ({ type: rule.type, ...(rule.parameters ? { parameters: rule.parameters } : {}) });

export function renderBranchRule(repo: RepoRecord, ruleset: RulesetRecord, rule: RulesetRule): Record<string, unknown> {
  return { ...renderRule(rule), ruleset_source_type: "Repository", ruleset_source: `${repo.owner}/${repo.name}`, ruleset_id: ruleset.id };
}
