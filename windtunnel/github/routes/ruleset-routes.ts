// Repository rulesets: create, list and read them, and the rules that apply to a branch.
import { createRuleset } from "../actions/ruleset-actions.ts";
import { bypassModeOf, rulesFor } from "../actions/ruleset-match.ts";
import { notFound } from "../http/errors.ts";
import { intParam } from "../http/read-body.ts";
import { paginate } from "../http/paginate.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderBranchRule, renderRuleset } from "../render/ruleset.ts";
import type { RulesetRecord } from "../types.ts";

function viewerOf(ctx: RepoRouteContext, ruleset: RulesetRecord): Parameters<typeof renderRuleset>[3] {
  return { bypassMode: bypassModeOf(ctx.w, ctx.repo, ruleset, ctx.caller.actor), mayAdminister: ctx.caller.permissions.administration === "write" };
}

export const rulesetRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/rulesets", ["administration", "write"], (ctx) => {
    const ruleset = createRuleset(ctx.w, ctx.repo, ctx.req.body);
    return json(201, renderRuleset(ctx.w, ctx.repo, ruleset, viewerOf(ctx, ruleset)));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/rulesets", ["metadata", "read"], (ctx) => {
    const targets = ctx.req.query.get("targets")?.split(",");
    const rulesets = [...ctx.w.state.rulesets.values()].filter((r) => r.repoKey === ctx.repo.key && (!targets || targets.includes(r.target))).sort((a, b) => a.id - b.id);
    const page = paginate(ctx.req, rulesets.map((r) => renderRuleset(ctx.w, ctx.repo, r, viewerOf(ctx, r), false)));
    return json(200, page.items, page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/rulesets/{ruleset_id}", ["metadata", "read"], (ctx) => {
    const ruleset = ctx.w.state.rulesets.get(intParam(ctx.req.params.ruleset_id));
    if (!ruleset || ruleset.repoKey !== ctx.repo.key) throw notFound();
    return json(200, renderRuleset(ctx.w, ctx.repo, ruleset, viewerOf(ctx, ruleset)));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/rules/branches/{branch}", ["metadata", "read"], (ctx) => {
    // the branch need not exist: the rules that would apply to that name are listed
    const rules = rulesFor(ctx.w, ctx.repo, ctx.req.params.branch ?? "").map(({ ruleset, rule }) => renderBranchRule(ctx.repo, ruleset, rule));
    const page = paginate(ctx.req, rules);
    return json(200, page.items, page.headers);
  }),
];
