// Repository labels and the labels of an issue or pull request.
import { labelNames, requireIssue } from "./issue-routes.ts";
import { addLabels, createLabel, removeLabel, setLabels } from "../actions/label-actions.ts";
import { findLabel } from "../core/lookup.ts";
import { notFound, validationFailed } from "../http/errors.ts";
import { fieldLimits, limitLabelNames, limitLength } from "../http/field-limits.ts";
import { paginate } from "../http/paginate.ts";
import { isRecord, list, str } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderLabel, renderLabelIds } from "../render/label.ts";

/** POST/PUT issue labels accept `{ labels: [...] }`, a bare array, or a single name. */
function requestedLabels(body: unknown): string[] {
  const names = Array.isArray(body) ? (labelNames(body) ?? []) : typeof body === "string" ? [body] : isRecord(body) ? (labelNames(list(body, "labels")) ?? []) : [];
  limitLabelNames(names);
  return names;
}

function issueLabels(ctx: RepoRouteContext) {
  const issue = requireIssue(ctx);
  return json(200, renderLabelIds(ctx.w, issue.labelIds));
}

export const labelRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/labels", ["issues", "write"], ({ w, repo, req }) => {
    const name = str(req.body, "name") ?? "";
    limitLength("Label", "name", name, fieldLimits.labelName);
    limitLength("Label", "description", str(req.body, "description"), fieldLimits.labelDescription);
    // Names are unique without regard to case: "Bug" exists when "bug" does.
    if (findLabel(w, repo, name)) throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
    const color = str(req.body, "color") ?? "ededed";
    if (!/^#?[0-9a-f]{6}$/i.test(color)) throw validationFailed({ resource: "Label", code: "invalid", field: "color" });
    const label = createLabel(w, repo, name, color, str(req.body, "description") ?? null);
    return json(201, renderLabel(w, label));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/labels", ["issues", "read"], ({ w, repo, req }) => {
    const labels = [...w.state.labels.values()].filter((l) => l.repoKey === repo.key);
    const page = paginate(req, labels);
    return json(200, page.items.map((l) => renderLabel(w, l)), page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/labels/{name}", ["issues", "read"], ({ w, repo, req }) => {
    const label = findLabel(w, repo, req.params.name ?? "");
    if (!label) throw notFound();
    return json(200, renderLabel(w, label));
  }),
  repoRoute("DELETE", "/repos/{owner}/{repo}/labels/{name}", ["issues", "write"], ({ w, repo, req }) => {
    const label = findLabel(w, repo, req.params.name ?? "");
    if (!label) throw notFound();
    for (const issue of w.state.issues.values()) issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
    w.state.labels.delete(label.id);
    return json(204);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels", ["issues", "read"], issueLabels),
  repoRoute("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", ["issues", "write"], (ctx) => {
    addLabels(ctx.w, ctx.repo, requireIssue(ctx), requestedLabels(ctx.req.body), ctx.caller.actor);
    return issueLabels(ctx);
  }),
  repoRoute("PUT", "/repos/{owner}/{repo}/issues/{issue_number}/labels", ["issues", "write"], (ctx) => {
    setLabels(ctx.w, ctx.repo, requireIssue(ctx), requestedLabels(ctx.req.body), ctx.caller.actor);
    return issueLabels(ctx);
  }),
  repoRoute("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels", ["issues", "write"], (ctx) => {
    const issue = requireIssue(ctx);
    for (const id of [...issue.labelIds]) {
      const label = ctx.w.state.labels.get(id);
      if (label) removeLabel(ctx.w, issue, label, ctx.caller.actor);
    }
    return json(204);
  }),
  repoRoute("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", ["issues", "write"], (ctx) => {
    const issue = requireIssue(ctx);
    const label = findLabel(ctx.w, ctx.repo, ctx.req.params.name ?? "");
    if (!label || !issue.labelIds.includes(label.id)) throw notFound("Label does not exist");
    removeLabel(ctx.w, issue, label, ctx.caller.actor);
    return issueLabels(ctx);
  }),
];
