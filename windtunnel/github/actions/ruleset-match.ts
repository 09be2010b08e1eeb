// Which repository rulesets apply to a branch, and who may bypass them. GitHub evaluates every
// active ruleset whose `conditions.ref_name` includes the ref and does not exclude it; an actor
// in a ruleset's bypass list is not held by that ruleset's rules.
import type { World } from "../core/world.ts";
import type { RepoRecord, RulesetBypassActor, RulesetRecord, RulesetRule, UserRecord } from "../types.ts";

/** fnmatch as GitHub uses it for ref names: `*` stays within one path segment, `**` crosses them. */
function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? "";
    if (char === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function patternMatches(repo: RepoRecord, pattern: string, ref: string): boolean {
  if (pattern === "~ALL") return true;
  if (pattern === "~DEFAULT_BRANCH") return ref === `refs/heads/${repo.defaultBranch}`;
  return globToRegExp(pattern).test(ref);
}

export function rulesetAppliesTo(repo: RepoRecord, ruleset: RulesetRecord, branch: string): boolean {
  const ref = `refs/heads/${branch}`;
  return ruleset.include.some((p) => patternMatches(repo, p, ref)) && !ruleset.exclude.some((p) => patternMatches(repo, p, ref));
}

/** Active branch rulesets of the repo that apply to `branch`, oldest first. */
export function rulesetsFor(w: World, repo: RepoRecord, branch: string): RulesetRecord[] {
  return [...w.state.rulesets.values()]
    .filter((r) => r.repoKey === repo.key && r.target === "branch" && r.enforcement === "active" && rulesetAppliesTo(repo, r, branch))
    .sort((a, b) => a.id - b.id);
}

/** The active rules that apply to `branch`, each with its ruleset. */
export function rulesFor(w: World, repo: RepoRecord, branch: string): { ruleset: RulesetRecord; rule: RulesetRule }[] {
  return rulesetsFor(w, repo, branch).flatMap((ruleset) => ruleset.rules.map((rule) => ({ ruleset, rule })));
}

function actorMatches(w: World, repo: RepoRecord, entry: RulesetBypassActor, actor: UserRecord): boolean {
  switch (entry.actorType) {
    case "Integration": {
      const app = [w.app, ...w.state.apps.values()].find((candidate) => candidate.botId === actor.id);
      return app !== undefined && app.id === entry.actorId;
    }
    case "User":
      return entry.actorId === actor.id;
    case "RepositoryRole":
      // role 5 is "admin", the one a personal repository's owner holds
      return entry.actorId === 5 && (repo.owner.toLowerCase() === actor.login.toLowerCase() || repo.roles.get(actor.login.toLowerCase()) === "admin");
    default:
      // organization admins, teams and deploy keys are not modelled
      return false;
  }
}

/** How `actor` may bypass the ruleset (the most permissive matching entry), or undefined. */
export function bypassModeOf(w: World, repo: RepoRecord, ruleset: RulesetRecord, actor: UserRecord): RulesetBypassActor["bypassMode"] | undefined {
  const modes = ruleset.bypassActors.filter((entry) => actorMatches(w, repo, entry, actor)).map((entry) => entry.bypassMode);
  return modes.includes("exempt") ? "exempt" : modes.includes("always") ? "always" : modes.includes("pull_request") ? "pull_request" : undefined;
}
