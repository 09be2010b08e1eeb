// Creating and updating check runs: annotations append across updates (50 per request is
// enforced by the request schema), and `check_run.created` / `check_run.completed` follow.
// A run belongs to the app that made it (the app under test, or another app such as the
// repo's CI); each app has its own check suite per commit.
import { isoSeconds, nodeId } from "../core/ids.ts";
import { repoOf } from "../core/lookup.ts";
import { renderCheckRun } from "../render/check-run.ts";
import { envelope } from "../webhooks/envelope.ts";
import type { World } from "../core/world.ts";
import type { Annotation, CheckRunRecord, UserRecord } from "../types.ts";

export interface AnnotationInput {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: Annotation["annotation_level"];
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunInput {
  name?: string;
  detailsUrl?: string;
  externalId?: string;
  status?: "queued" | "in_progress" | "completed";
  conclusion?: string;
  startedAt?: string;
  completedAt?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: AnnotationInput[] };
  actions?: { label: string; description: string; identifier: string }[];
}

export function emitCheckRun(w: World, run: CheckRunRecord, action: string, actor: UserRecord): void {
  w.emit("check_run", envelope(w, repoOf(w, run.repoKey), actor, { action, check_run: renderCheckRun(w, run, { fullSuite: true }) }));
}

function suiteId(w: World, repoKey: string, sha: string, appId: number): number {
  for (const run of w.state.checkRuns.values()) if (run.repoKey === repoKey && run.headSha === sha && run.appId === appId) return run.checkSuiteId;
  return w.ids("checkSuite");
}

function apply(w: World, run: CheckRunRecord, input: CheckRunInput): void {
  const now = isoSeconds(w.now());
  if (input.name !== undefined) run.name = input.name;
  if (input.detailsUrl !== undefined) run.detailsUrl = input.detailsUrl;
  if (input.externalId !== undefined) run.externalId = input.externalId;
  if (input.status !== undefined) run.status = input.status;
  if (input.startedAt !== undefined) run.startedAt = input.startedAt;
  // a conclusion implies completion, as the API documents
  if (input.conclusion !== undefined) {
    run.conclusion = input.conclusion;
    run.status = "completed";
  }
  if (run.status === "completed") run.completedAt = input.completedAt ?? run.completedAt ?? now;
  if (run.status === "in_progress" && run.startedAt === null) run.startedAt = now;
  if (input.output) {
    run.output = {
      title: input.output.title ?? run.output.title,
      summary: input.output.summary ?? run.output.summary,
      text: input.output.text ?? run.output.text,
    };
    for (const a of input.output.annotations ?? []) {
      run.annotations.push({
        path: a.path,
        start_line: a.start_line,
        end_line: a.end_line,
        start_column: a.start_column ?? null,
        end_column: a.end_column ?? null,
        annotation_level: a.annotation_level,
        message: a.message,
        title: a.title ?? null,
        raw_details: a.raw_details ?? null,
      });
    }
  }
  if (input.actions) run.actions = input.actions;
}

/** `appId` defaults to the app under test; `actor` is the sender of the webhooks. */
export function createCheckRun(w: World, repoKey: string, headSha: string, input: CheckRunInput & { name: string; appId?: number }, actor: UserRecord): CheckRunRecord {
  const id = w.ids("checkRun");
  const appId = input.appId ?? w.app.id;
  const run: CheckRunRecord = {
    id,
    nodeId: nodeId("CheckRun", id),
    repoKey,
    appId,
    checkSuiteId: suiteId(w, repoKey, headSha, appId),
    name: input.name,
    headSha,
    externalId: null,
    detailsUrl: null,
    status: "queued",
    conclusion: null,
    startedAt: isoSeconds(w.now()),
    completedAt: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    actions: [],
  };
  apply(w, run, input);
  w.state.checkRuns.set(id, run);
  emitCheckRun(w, run, "created", actor);
  if (run.status === "completed") emitCheckRun(w, run, "completed", actor);
  return run;
}

export function updateCheckRun(w: World, run: CheckRunRecord, input: CheckRunInput, actor: UserRecord): void {
  const wasCompleted = run.status === "completed";
  apply(w, run, input);
  if (!wasCompleted && run.status === "completed") emitCheckRun(w, run, "completed", actor);
}
