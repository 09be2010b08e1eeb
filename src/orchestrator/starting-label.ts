
import type { WorkItemRecord } from "../domain/types.ts";

/** The label whose removal holds the work item: the one that started it (older work items: their workflow's). */
export function startingLabel(item: WorkItemRecord): string | undefined {
  return item.label ?? item.definitions?.workflow.label;
}
