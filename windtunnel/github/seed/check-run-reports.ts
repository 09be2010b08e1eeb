// What another GitHub App (the repo's CI) does with check runs, and what a person does with
// them on github.com. The runs belong to that app: `app` in REST and webhooks is that app,
// the app under test cannot PATCH them, and branch protection counts them like any other.
import { otherApp } from "./other-apps.ts";
import { userFor } from "./seed-repo.ts";
import { createCheckRun, emitCheckRun, updateCheckRun, type AnnotationInput, type CheckRunInput } from "../actions/check-run-actions.ts";
import { requireRepo } from "../core/lookup.ts";
import { resolveCommitish } from "../git/refs.ts";
import { userById } from "../render/user.ts";
import type { World } from "../core/world.ts";
import type { CheckConclusion, CheckRunRecord } from "../types.ts";

export type ReportedAnnotation = Pick<AnnotationInput, "path" | "start_line" | "end_line" | "annotation_level" | "message" | "title">;

export interface CheckRunReport {
  name: string;
  /** slug of the app reporting (default "github-actions"); never the app under test */
  app?: string;
  /** default: "completed" with a conclusion, "queued" without */
  status?: "queued" | "in_progress" | "completed";
  conclusion?: Exclude<CheckConclusion, "stale">;
  output?: { title: string; summary: string; text?: string; annotations?: ReportedAnnotation[] };
  detailsUrl?: string;
}

/**
 * Creates a check run on `headSha` (a SHA or any ref) owned by another app, or updates that
 * app's latest run of the same name on that commit. Raises `check_run.created` for a new run and
 * `check_run.completed` when it completes; moving a completed run back to queued/in_progress
 * clears its conclusion (a re-run), and annotations append as on GitHub.
 */
export function reportCheckRun(w: World, repoName: string, headSha: string, report: CheckRunReport): CheckRunRecord {
  const repo = requireRepo(w, repoName);
  const sha = resolveCommitish(w, repo, headSha);
  if (sha === undefined) throw new Error(`wind tunnel: ${repoName} has no commit ${headSha}`);
  if (report.status === "completed" && report.conclusion === undefined) throw new Error("wind tunnel: a completed check run needs a conclusion");
  const app = otherApp(w, report.app ?? "github-actions");
  const actor = userById(w, app.botId);
  const status = report.conclusion !== undefined ? "completed" : (report.status ?? "queued");
  const input: CheckRunInput = {
    status,
    ...(report.conclusion !== undefined ? { conclusion: report.conclusion } : {}),
    ...(report.detailsUrl !== undefined ? { detailsUrl: report.detailsUrl } : {}),
    ...(report.output ? { output: { ...report.output, annotations: report.output.annotations ?? [] } } : {}),
  };
  const existing = [...w.state.checkRuns.values()]
    .filter((r) => r.repoKey === repo.key && r.headSha === sha && r.appId === app.id && r.name === report.name)
    .sort((a, b) => b.id - a.id)[0];
  if (!existing) return createCheckRun(w, repo.key, sha, { ...input, name: report.name, appId: app.id }, actor);
  if (status !== "completed") {
    existing.status = status;
    existing.conclusion = null;
    existing.completedAt = null;
  }
  updateCheckRun(w, existing, input, actor);
  return existing;
}

/** A person clicks "Re-run" on a check run: `check_run.rerequested` goes to the owning app only. */
export function rerequestCheckRun(w: World, repoName: string, checkRunId: number, by: string): void {
  const repo = requireRepo(w, repoName);
  const run = w.state.checkRuns.get(checkRunId);
  if (!run || run.repoKey !== repo.key) throw new Error(`wind tunnel: ${repoName} has no check run ${checkRunId}`);
  emitCheckRun(w, run, "rerequested", userFor(w, by));
}
