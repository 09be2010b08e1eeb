import type { WorkItemRecord } from "../../domain/types.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { RunPassPayload } from "../jobs.ts";
import { fenceWorkItem } from "../work-item-fence.ts";
import { openGate } from "./open-gate.ts";

/**
 * A run_pass job retried after its pass was published (its commit on the pass branch, the PR
 * open, the run waiting at its gate) but before the gate was set up — a GitHub 5xx, a lost
 * answer, a crash — finishes that set-up from what the store recorded, instead of skipping
 * itself as stale and leaving the gate unset and the card "running". Every step of the set-up
 * finds what an earlier attempt made (deployment by key, check runs by external id, verifier
 * runs by head). Returns whether the job was such a resume.
 */
export async function resumeOpenedPass(deps: OrchestratorDeps, job: RunPassPayload, start: WorkItemRecord): Promise<boolean> {
  if (start.state !== "awaiting_gate" || start.currentPass !== job.passId || start.iteration !== job.iteration) return false;
  const run = await deps.store.findPassRun(start.id, job.passId, job.iteration);
  const pass = start.definitions?.workflow.passes.find((candidate) => candidate.id === job.passId);
  if (!run || run.state !== "awaiting_gate" || run.headSha === null || run.prNumber === null || !pass) return false;
  deps.log.info({ workItemId: start.id, passId: job.passId, iteration: job.iteration }, "run_pass resumed after its pass was opened: setting up its gate");
  const github = fenceWorkItem(deps, start.id, start.stopEpoch).guard(await deps.githubFor(start.installationId));
  // Whether this iteration made its commit: Pitwall recorded it, or the head is another's.
  const created = (await deps.store.listPitwallCommits(start.id, run.prNumber)).has(run.headSha);
  const repeated = (await deps.store.listPassRuns(start.id)).find((candidate) => candidate.passId === pass.id && candidate.id !== run.id && candidate.treeSha !== null && candidate.treeSha === run.treeSha);
  const commit = { commitSha: run.headSha, treeSha: run.treeSha ?? "", created, at: run.headAt ?? undefined };
  await openGate(deps, { github, item: start, pass, run }, { commit, opened: run, repeated });
  return true;
}
