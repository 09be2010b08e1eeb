import type { PassDefinition } from "../definitions/workflow.schema.ts";
import type { WorkItemRecord } from "../domain/types.ts";

/** The pass that follows `passId` in the work item's pinned workflow; undefined after the last. */
export function passAfter(item: WorkItemRecord, passId: string): PassDefinition | undefined {
  const passes = item.definitions?.workflow.passes ?? [];
  return passes[passes.findIndex((candidate) => candidate.id === passId) + 1];
}
