// Issues: create, list, read and edit (title, body, state, labels, assignees).
import { openIssue, updateIssue, type IssueChanges } from "../actions/issue-actions.ts";
import { findIssue, findUser } from "../core/lookup.ts";
import { notFound, validationFailed } from "../http/errors.ts";
import { limitIssueFields, limitLabelNames } from "../http/field-limits.ts";
import { paginate } from "../http/paginate.ts";
import { asRecord, has, intParam, isRecord, list, str, strings } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderIssue } from "../render/issue.ts";
import { renderIssueEvent } from "../render/issue-event.ts";
import type { IssueRecord } from "../types.ts";

/** Labels arrive as names or `{ name }` objects. */
export function labelNames(values: unknown[] | undefined): string[] | undefined {
  return values?.flatMap((v) => (typeof v === "string" ? [v] : isRecord(v) && typeof v.name === "string" ? [v.name] : []));
}

export function requireIssue({ w, repo, req }: RepoRouteContext): IssueRecord {
  const issue = findIssue(w, repo, intParam(req.params.issue_number));
  if (!issue) throw notFound();
  return issue;
}

function assigneeIds(ctx: RepoRouteContext, logins: string[] | undefined): number[] | undefined {
  if (!logins) return undefined;
  return logins.map((login) => {
    const user = findUser(ctx.w, login);
    if (!user) throw validationFailed({ resource: "Issue", code: "invalid", field: "assignees" });
    return user.id;
  });
}

function listIssues({ w, repo, req }: RepoRouteContext) {
  const state = req.query.get("state") ?? "open";
  const labels = (req.query.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
  const creator = req.query.get("creator")?.toLowerCase();
  const direction = req.query.get("direction") ?? "desc";
  const issues = [...w.state.issues.values()]
    .filter((i) => i.repoKey === repo.key && (state === "all" || i.state === state))
    .filter((i) => labels.every((name) => i.labelIds.some((id) => w.state.labels.get(id)?.name.toLowerCase() === name)))
    .filter((i) => creator === undefined || findUser(w, creator)?.id === i.authorId)
    .sort((a, b) => (direction === "asc" ? a.id - b.id : b.id - a.id));
  const page = paginate(req, issues);
  return json(200, page.items.map((i) => renderIssue(w, i)), page.headers);
}

export const issueRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/issues", ["issues", "write"], (ctx) => {
    const { w, repo, req, caller } = ctx;
    const body = asRecord(req.body);
    const title = typeof body.title === "number" ? String(body.title) : (str(body, "title") ?? "");
    if (title.trim() === "") throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
    const assignee = str(body, "assignee");
    const labels = labelNames(list(body, "labels")) ?? [];
    limitIssueFields({ title, body: str(body, "body") });
    limitLabelNames(labels);
    const issue = openIssue(w, repo, {
      title,
      body: str(body, "body") ?? null,
      author: caller.actor,
      labels,
      assigneeIds: assigneeIds(ctx, strings(body, "assignees") ?? (assignee ? [assignee] : undefined)) ?? [],
    });
    return json(201, renderIssue(w, issue), { location: `${w.urls.api}/repos/${repo.owner}/${repo.name}/issues/${issue.number}` });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/issues", ["issues", "read"], listIssues),
  repoRoute("GET", "/repos/{owner}/{repo}/issues/{issue_number}", ["issues", "read"], (ctx) => json(200, renderIssue(ctx.w, requireIssue(ctx)))),
  // The issue's event log, oldest first (only label changes are kept by the fake).
  repoRoute("GET", "/repos/{owner}/{repo}/issues/{issue_number}/events", ["issues", "read"], (ctx) => {
    const issue = requireIssue(ctx);
    const page = paginate(ctx.req, ctx.w.state.issueEvents.filter((event) => event.issueId === issue.id));
    return json(200, page.items.map((event) => renderIssueEvent(ctx.w, issue, event)), page.headers);
  }),
  repoRoute("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", ["issues", "write"], (ctx) => {
    const { w, repo, req, caller } = ctx;
    const issue = requireIssue(ctx);
    const body = asRecord(req.body);
    const state = str(body, "state");
    const reason = str(body, "state_reason");
    const changes: IssueChanges = {
      ...(typeof body.title === "string" || typeof body.title === "number" ? { title: String(body.title) } : {}),
      ...(has(body, "body") ? { body: str(body, "body") ?? null } : {}),
      ...(state === "open" || state === "closed" ? { state } : {}),
      ...(reason === "completed" || reason === "not_planned" || reason === "reopened" || reason === "duplicate" ? { stateReason: reason } : {}),
      ...(has(body, "labels") ? { labels: labelNames(list(body, "labels")) ?? [] } : {}),
      ...(has(body, "assignees") ? { assigneeIds: assigneeIds(ctx, strings(body, "assignees")) ?? [] } : {}),
    };
    limitIssueFields(changes);
    limitLabelNames(changes.labels ?? []);
    updateIssue(w, repo, issue, changes, caller.actor);
    return json(200, renderIssue(w, issue));
  }),
];
