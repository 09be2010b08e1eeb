// POST /repos/{owner}/{repo}/rulesets: a ruleset from the REST body (already validated against
// GitHub's schema when it came over HTTP; seeded ones are typed). Names are unique per repo.
import type { Endpoints } from "@octokit/types";
import { isoSeconds, nodeId } from "../core/ids.ts";
import { asRecord, isRecord, list, str, strings } from "../http/read-body.ts";
import { GitHubError } from "../http/errors.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, RulesetBypassActor, RulesetRecord, RulesetRule } from "../types.ts";

/** The body of POST /repos/{owner}/{repo}/rulesets, as a test or an admin writes it (GitHub's own type). */
export type RulesetInput = Omit<Endpoints["POST /repos/{owner}/{repo}/rulesets"]["parameters"], "owner" | "repo">;

const actorTypes: readonly RulesetBypassActor["actorType"][] = ["Integration", "OrganizationAdmin", "RepositoryRole", "Team", "DeployKey", "User"];
const modes: readonly RulesetBypassActor["bypassMode"][] = ["always", "pull_request", "exempt"];

function readActors(body: Record<string, unknown>): RulesetBypassActor[] {
  return (list(body, "bypass_actors") ?? []).filter(isRecord).map((entry) => ({
    actorId: typeof entry.actor_id === "number" ? entry.actor_id : null,
    actorType: actorTypes.find((t) => t === entry.actor_type) ?? "Integration",
    bypassMode: modes.find((m) => m === entry.bypass_mode) ?? "always",
  }));
}

function readRules(body: Record<string, unknown>): RulesetRule[] {
  return (list(body, "rules") ?? []).filter(isRecord).map((rule) => ({ type: str(rule, "type") ?? "", ...(isRecord(rule.parameters) ? { parameters: rule.parameters } : {}) }));
}

export function createRuleset(w: World, repo: RepoRecord, input: unknown): RulesetRecord {
  const body = asRecord(input);
  const name = str(body, "name") ?? "";
  if ([...w.state.rulesets.values()].some((r) => r.repoKey === repo.key && r.name === name)) throw new GitHubError(422, "Validation Failed", { errors: ["Name must be unique"] });
  const bypassActors = readActors(body);
  const refName = asRecord(asRecord(body.conditions).ref_name);
  const target = str(body, "target");
  const enforcement = str(body, "enforcement");
  const now = isoSeconds(w.now());
  const id = w.ids("ruleset");
  const ruleset: RulesetRecord = {
    id,
    nodeId: nodeId("RepositoryRuleset", id),
    repoKey: repo.key,
    name,
    target: target === "tag" || target === "push" ? target : "branch",
    enforcement: enforcement === "active" || enforcement === "evaluate" ? enforcement : "disabled",
    bypassActors,
    include: strings(refName, "include") ?? [],
    exclude: strings(refName, "exclude") ?? [],
    rules: readRules(body),
    createdAt: now,
    updatedAt: now,
  };
  w.state.rulesets.set(id, ruleset);
  return ruleset;
}
