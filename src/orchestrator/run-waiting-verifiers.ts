import type { OrchestratorDeps } from "./deps.ts";
import { currentGate } from "./gate/current-gate.ts";
import { rerunVerifier } from "./verifier-check.ts";

/** Verifiers whose jobs skipped while a lifecycle hold was on run now that the work item goes on. */
export async function runWaitingVerifiers(deps: OrchestratorDeps, workItemId: number): Promise<void> {
  const gate = await currentGate(deps, workItemId);
  if (!gate || gate.item.state === "paused" || gate.item.hold !== null) return;
  for (const verifierRun of await deps.store.listVerifierRuns(gate.run.id, gate.run.headSha)) {
    if (verifierRun.state !== "completed") await rerunVerifier(deps, gate.item, verifierRun.id);
  }
}
