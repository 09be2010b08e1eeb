import type { OrchestratorDeps } from "../deps.ts";
import type { AdvanceGatePayload } from "../jobs.ts";
import { advanceGate } from "./advance-gate.ts";

/** The `advance_gate` job: the work item's gate is looked at again and acted on, on its own lock. */
export async function advanceGateJob(deps: OrchestratorDeps, job: AdvanceGatePayload): Promise<void> {
  const item = await deps.store.getWorkItem(job.workItemId);
  await advanceGate(deps, await deps.githubFor(item.installationId), item.id);
}
