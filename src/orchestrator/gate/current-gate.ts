import type { PassDefinition } from "../../definitions/workflow.schema.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { PassRunRecord, WorkItemRecord } from "../../domain/types.ts";

/** A work item at its gate: the pass and the pass run whose PR waits, at its head. */
export interface CurrentGate {
  item: WorkItemRecord;
  pass: PassDefinition;
  run: PassRunRecord & { prNumber: number; headSha: string };
}

/** The work item's open gate: its pass and the pass run whose PR waits, or undefined. */
export async function currentGate(deps: OrchestratorDeps, workItemId: number): Promise<CurrentGate | undefined> {
  const item = await deps.store.getWorkItem(workItemId);
  const pass = item.definitions?.workflow.passes.find((candidate) => candidate.id === item.currentPass);
  if (!pass || !(item.state === "awaiting_gate" || item.state === "escalated" || item.state === "paused")) return undefined;
  const run = await deps.store.latestPassRun(item.id, pass.id);
  if (!run || run.state !== "awaiting_gate" || run.prNumber === null || run.headSha === null) return undefined;
  return { item, pass, run: { ...run, prNumber: run.prNumber, headSha: run.headSha } };
}
