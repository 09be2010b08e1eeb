import { verifierHolder } from "../domain/verifier-holder.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { RunVerifierPayload } from "./jobs.ts";
import { advanceGate } from "./gate/advance-gate.ts";
import { currentGate, type CurrentGate } from "./gate/current-gate.ts";
import { WorkItemStopped } from "./work-item-fence.ts";
import { gatherVerifierContext } from "./verifier/gather-verifier-context.ts";
import { prepareVerifier } from "./verifier/prepare-verifier.ts";
import { recordVerdict } from "./verifier/record-verdict.ts";
import { runVerifierAgent } from "./verifier/run-verifier-agent.ts";

/**
 * Runs one gate verifier on one commit of a pass PR as the check run `pitwall/<verifier>`, then
 * lets the gate act on it.
 */
export async function runVerifier(deps: OrchestratorDeps, job: RunVerifierPayload): Promise<void> {
  const verifierRun = await deps.store.getVerifierRun(job.verifierRunId);
  const gate = await currentGate(deps, job.workItemId);
  if (!gate || gate.run.id !== verifierRun.passRunId || gate.run.headSha !== verifierRun.headSha || verifierRun.state === "completed") {
    deps.log.info({ verifierRunId: verifierRun.id }, "stale run_verifier job skipped");
    // An earlier attempt that stopped half-way may still hold a reservation.
    await deps.store.settleReservation(verifierRun.passRunId, deps.clock.now(), verifierHolder(verifierRun.id));
    return;
  }
  if (gate.item.hold !== null) {
    // Held by GitHub's lifecycle (label removed, installation suspended …): it spends nothing now
    // and runs when the hold is released.
    deps.log.info({ verifierRunId: verifierRun.id, hold: gate.item.hold }, "run_verifier job waits for the hold to be released");
    await deps.store.settleReservation(verifierRun.passRunId, deps.clock.now(), verifierHolder(verifierRun.id));
    return;
  }
  try {
    await runVerifierOnGate(deps, gate, verifierRun.id);
  } catch (error) {
    if (!(error instanceof WorkItemStopped)) throw error;
    await deps.store.settleReservation(verifierRun.passRunId, deps.clock.now(), verifierHolder(verifierRun.id));
    deps.log.info({ verifierRunId: verifierRun.id, reason: error.message }, "verifier stopped: the work item was stopped while it ran");
  }
}

/** The steps of one verifier run, each handing the next what it needs. */
async function runVerifierOnGate(deps: OrchestratorDeps, gate: CurrentGate, verifierRunId: number): Promise<void> {
  const prepared = await prepareVerifier(deps, gate, verifierRunId);
  const context = await gatherVerifierContext(deps, prepared);
  const outcome = await runVerifierAgent(deps, prepared, context);
  await recordVerdict(deps, prepared, outcome);
  // When every verifier of this commit has reported, a failure goes back to the agent.
  await advanceGate(deps, prepared.github, gate.item.id);
}
