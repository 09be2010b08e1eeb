import { fitToLimit, githubLimits } from "../domain/fit-to-limit.ts";
import type { CheckRunState } from "../orchestrator/github-port.ts";
import type { CheckAnnotation } from "../verifiers/check-annotation.ts";
import type { GitHub, Repo } from "./octokit.ts";
import { redactText } from "./redact-text.ts";
import { sentOnce } from "./sent-once.ts";

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
  // Not known to the store: a retried job may have created it and lost GitHub's answer, so it is
  // looked up by its external id before another is created.
  const existing = knownId || (await findCheckRun(gh, repo, state.headSha, state.name, state.externalId));
  if (existing) {
    await gh.rest.checks.update({ ...repo, check_run_id: existing, status: state.status, ...conclusion, output: output(batches[0]), external_id: state.externalId, ...actions });
    id = existing;
  } else {
    const { data } = await gh.rest.checks.create({ ...repo, name: state.name, head_sha: state.headSha, external_id: state.externalId, status: state.status, ...conclusion, output: output(batches[0]), ...actions, ...sentOnce });
    id = data.id;
  }
  for (const batch of batches.slice(1)) await gh.rest.checks.update({ ...repo, check_run_id: id, output: output(batch) });
  return id;
}

/** Whether a check run called `name` with this external id is on the commit (first 100 of that name). */
export async function hasCheckRun(gh: GitHub, repo: Repo, headSha: string, name: string, externalId: string): Promise<boolean> {
  return (await findCheckRun(gh, repo, headSha, name, externalId)) !== undefined;
}

/** The id of the check run called `name` with this external id on the commit (first 100 of that name). */
async function findCheckRun(gh: GitHub, repo: Repo, headSha: string, name: string, externalId: string): Promise<number | undefined> {
  const { data } = await gh.rest.checks.listForRef({ ...repo, ref: headSha, check_name: name, filter: "all", per_page: 100 });
  return data.check_runs.find((run) => run.external_id === externalId)?.id;
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
