import { appendAudit } from "../../store/audit-log.ts";
import { getWorkItem, updateWorkItem, type WorkItemRecord } from "../../store/work-items.ts";
import { decide, type Effect, type WorkItemEvent } from "../work-item-state.ts";
import type { EngineDeps } from "./deps.ts";

/**
 * The one place a work item changes state: decides on the event, stores the new state and an
 * audit entry in one transaction, and returns the effects for the caller to perform.
 */
export async function applyDecision(
  deps: EngineDeps,
  workItemId: number,
  event: WorkItemEvent,
  audit: { actor: string; action: string; detail?: string | null; commitSha?: string | null },
): Promise<{ item: WorkItemRecord; effects: Effect[] }> {
  return deps.sql.transaction(async (tx) => {
    const current = await getWorkItem(tx, workItemId);
    const decision = decide({ state: current.state, currentPass: current.currentPass, reason: current.stateReason }, event);
    const now = deps.clock.now();
    const item = await updateWorkItem(tx, workItemId, { state: decision.state, currentPass: decision.currentPass, stateReason: decision.reason }, now);
    await appendAudit(tx, { workItemId, actor: audit.actor, action: audit.action, detail: audit.detail ?? null, commitSha: audit.commitSha ?? null, at: now });
    return { item, effects: decision.effects };
  });
}
