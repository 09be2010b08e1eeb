import { fitToLimit, githubLimits } from "./fit-to-limit.ts";
import type { GitHub, Repo } from "./octokit.ts";
import { redactText } from "./redact-text.ts";

/** One annotation as the Checks API takes it. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title?: string;
  message: string;
}

/** A button on the check run; pressing it sends `check_run.requested_action` with its identifier. */
export interface CheckAction {
  /** At most 20 characters. */
  label: string;
  /** At most 40 characters. */
  description: string;
  /** At most 20 characters. */
  identifier: string;
}

export interface CheckRunState {
  name: string;
  headSha: string;
  /** Stable identity, so a retry updates the same check run instead of adding one. */
  externalId: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: "success" | "failure" | "neutral" | "cancelled" | "action_required";
  title: string;
  summary: string;
  /** where the whole summary lives if GitHub's limit cuts it */
  wholeAt?: string;
  /** Sent 50 per request, as the Checks API requires; later requests append. */
  annotations?: readonly CheckAnnotation[];
  actions?: readonly CheckAction[];
}

/** The Checks API takes at most 50 annotations per request. */
export const annotationsPerRequest = 50;

/**
 * Creates the check run, or updates it when `knownId` is given, then sends the rest of its
 * annotations in batches of 50 (each update appends). Returns its id.
 */
export async function upsertCheckRun(gh: GitHub, repo: Repo, checkRun: CheckRunState, knownId?: number | null): Promise<number> {
  const state = redactCheckRun(checkRun);
  const batches = chunk(state.annotations ?? [], annotationsPerRequest);
  const summary = fitToLimit(state.summary, githubLimits.checkOutput, { bytes: true, ...(state.wholeAt === undefined ? {} : { wholeAt: state.wholeAt }) });
  const output = (annotations: readonly CheckAnnotation[] | undefined) => ({ title: state.title, summary, ...(annotations && annotations.length > 0 ? { annotations: annotations.map(fitAnnotation) } : {}) });
  const conclusion = state.status === "completed" ? { conclusion: state.conclusion ?? "neutral" } : {};
  const actions = state.actions ? { actions: [...state.actions] } : {};
  let id: number;
  if (knownId) {
    await gh.rest.checks.update({ ...repo, check_run_id: knownId, status: state.status, ...conclusion, output: output(batches[0]), external_id: state.externalId, ...actions });
    id = knownId;
  } else {
    const { data } = await gh.rest.checks.create({ ...repo, name: state.name, head_sha: state.headSha, external_id: state.externalId, status: state.status, ...conclusion, output: output(batches[0]), ...actions });
    id = data.id;
  }
  for (const batch of batches.slice(1)) await gh.rest.checks.update({ ...repo, check_run_id: id, output: output(batch) });
  return id;
}

/** The check run with its title, summary and annotations redacted. */
function redactCheckRun(state: CheckRunState): CheckRunState {
  const annotations = state.annotations?.map((annotation) => ({ ...annotation, message: redactText(annotation.message), ...(annotation.title === undefined ? {} : { title: redactText(annotation.title) }) }));
  return { ...state, title: redactText(state.title), summary: redactText(state.summary), ...(annotations ? { annotations } : {}) };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/** GitHub documents an annotation's message as at most 64 KB. */
function fitAnnotation(annotation: CheckAnnotation): CheckAnnotation {
  return { ...annotation, message: fitToLimit(annotation.message, githubLimits.checkOutput, { bytes: true }) };
}
