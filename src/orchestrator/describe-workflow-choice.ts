
import type { WorkflowProposal } from "../domain/types.ts";

/**
 * The audit detail of `/workflow <name>`: whether the person accepted the analyst's proposal,
 * overrode it (naming what it proposed, so the trail shows the person's choice beat the
 * analyst's), or switched from a running workflow.
 */
export function describeWorkflowChoice(item: { state: string; workflow: string; proposal: Pick<WorkflowProposal, "workflow"> | null }, name: string): string {
  if (item.state !== "proposed") return `from the ${item.workflow} workflow`;
  if (!item.proposal) return "the analyst proposed none";
  return item.proposal.workflow === name ? "accepted the analyst's proposal" : `overrode the analyst's proposal: ${item.proposal.workflow}`;
}
