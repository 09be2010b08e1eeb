// Check runs: create, update (annotations append), read, annotations, and runs for a ref.
import { createCheckRun, updateCheckRun, type AnnotationInput, type CheckRunInput } from "../actions/check-run-actions.ts";
import { getCommit } from "../git/objects.ts";
import { resolveCommitish } from "../git/refs.ts";
import { notFound, unprocessable } from "../http/errors.ts";
import { limitCheckOutputBytes } from "../http/field-limits.ts";
import { paginate } from "../http/paginate.ts";
import { asRecord, isRecord, list, str } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderAnnotations, renderCheckRun } from "../render/check-run.ts";
import type { Annotation, CheckRunRecord } from "../types.ts";

const levels: Annotation["annotation_level"][] = ["notice", "warning", "failure"];
const statuses = ["queued", "in_progress", "completed"] as const;

function annotation(raw: unknown): AnnotationInput[] {
  if (!isRecord(raw)) return [];
  const level = levels.find((l) => l === raw.annotation_level);
  if (!level || typeof raw.path !== "string" || typeof raw.start_line !== "number" || typeof raw.end_line !== "number" || typeof raw.message !== "string") return [];
  const optionalNumber = (v: unknown) => (typeof v === "number" ? v : undefined);
  const optionalString = (v: unknown) => (typeof v === "string" ? v : undefined);
  return [
    {
      path: raw.path,
      start_line: raw.start_line,
      end_line: raw.end_line,
      annotation_level: level,
      message: raw.message,
      start_column: optionalNumber(raw.start_column),
      end_column: optionalNumber(raw.end_column),
      title: optionalString(raw.title),
      raw_details: optionalString(raw.raw_details),
    },
  ];
}

function readInput(body: unknown, current: CheckRunRecord | undefined): CheckRunInput {
  const b = asRecord(body);
  const status = statuses.find((s) => s === b.status);
  const conclusion = str(b, "conclusion");
  if (status === "completed" && conclusion === undefined && !current?.conclusion) throw unprocessable(`Invalid request.\n\n"conclusion" wasn't supplied.`);
  if (str(b, "completed_at") !== undefined && conclusion === undefined && !current?.conclusion) throw unprocessable(`Invalid request.\n\n"conclusion" wasn't supplied.`);
  if (conclusion === "stale") throw unprocessable("Invalid request.\n\nOnly GitHub can set a conclusion of stale.");
  const output = isRecord(b.output) ? b.output : undefined;
  limitCheckOutputBytes(output ? { summary: str(output, "summary"), text: str(output, "text") } : undefined);
  const actions = list(b, "actions")?.filter(isRecord).map((a) => ({ label: String(a.label), description: String(a.description), identifier: String(a.identifier) }));
  return {
    name: str(b, "name"),
    detailsUrl: str(b, "details_url"),
    externalId: str(b, "external_id"),
    status,
    conclusion,
    startedAt: str(b, "started_at"),
    completedAt: str(b, "completed_at"),
    output: output
      ? { title: str(output, "title"), summary: str(output, "summary"), text: str(output, "text"), annotations: (list(output, "annotations") ?? []).flatMap(annotation) }
      : undefined,
    actions,
  };
}

function requireRun({ w, repo, req }: RepoRouteContext): CheckRunRecord {
  const run = w.state.checkRuns.get(Number(req.params.check_run_id));
  if (!run || run.repoKey !== repo.key) throw notFound();
  return run;
}

export const checkRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/check-runs", ["checks", "write"], ({ w, repo, req, caller }) => {
    const headSha = str(req.body, "head_sha") ?? "";
    if (!getCommit(w, repo, headSha)) throw unprocessable(`No commit found for SHA: ${headSha}`);
    const input = readInput(req.body, undefined);
    const run = createCheckRun(w, repo.key, headSha, { ...input, name: str(req.body, "name") ?? "" }, caller.actor);
    return json(201, renderCheckRun(w, run));
  }),
  repoRoute("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", ["checks", "write"], (ctx) => {
    const run = requireRun(ctx);
    // an app may only update its own check runs
    if (run.appId !== ctx.w.app.id) throw notFound();
    updateCheckRun(ctx.w, run, readInput(ctx.req.body, run), ctx.caller.actor);
    return json(200, renderCheckRun(ctx.w, run));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", ["checks", "read"], (ctx) => json(200, renderCheckRun(ctx.w, requireRun(ctx)))),
  repoRoute("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations", ["checks", "read"], (ctx) => {
    const page = paginate(ctx.req, renderAnnotations(ctx.w, requireRun(ctx)));
    return json(200, page.items, page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", ["checks", "read"], ({ w, repo, req }) => {
    const ref = req.params.ref ?? "";
    const sha = resolveCommitish(w, repo, ref);
    if (sha === undefined) throw unprocessable(`No commit found for SHA: ${ref}`);
    const name = req.query.get("check_name");
    const status = req.query.get("status");
    const appId = req.query.get("app_id");
    let runs = [...w.state.checkRuns.values()]
      .filter((r) => r.repoKey === repo.key && r.headSha === sha)
      .filter((r) => name === null || r.name === name)
      .filter((r) => status === null || r.status === status)
      .filter((r) => appId === null || String(r.appId) === appId)
      .sort((a, b) => b.id - a.id);
    // filter=latest (the default) keeps the most recent run per name
    if ((req.query.get("filter") ?? "latest") === "latest") runs = runs.filter((r, i) => runs.findIndex((o) => o.name === r.name && o.appId === r.appId) === i);
    const page = paginate(req, runs);
    return json(200, { total_count: runs.length, check_runs: page.items.map((r) => renderCheckRun(w, r)) }, page.headers);
  }),
];
