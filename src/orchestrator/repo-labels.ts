import type { WorkflowFrontMatter } from "../definitions/workflow.schema.ts";
import { budgetPausedLabel } from "./budget-gate.ts";
import { needsHumanLabel } from "./perform-effects.ts";
import type { LabelSpec } from "./github-port.ts";

/** The label that lets the analyst agent propose a workflow (README "Using it"). */
const analystLabel = "pitwall";

/**
 * Every label Pitwall reads or puts on issues in a repository, with a colour and a short
 * description: the analyst's label, one per workflow (by its `label`, sorted), and its own.
 */
export function repoLabels(workflows: readonly Pick<WorkflowFrontMatter, "name" | "label" | "description">[]): LabelSpec[] {
  const byLabel = [...workflows].sort((a, b) => a.label.localeCompare(b.label));
  return [
    { name: analystLabel, color: "5319e7", description: "Pitwall: the analyst agent proposes a workflow for this issue" },
    ...byLabel.map((workflow) => ({ name: workflow.label, color: "1d76db", description: `Pitwall runs the ${workflow.name} workflow: ${firstClause(workflow.description)}` })),
    { name: needsHumanLabel, color: "d93f0b", description: "Pitwall waits for a person: see the status card on the issue" },
    { name: budgetPausedLabel, color: "fbca04", description: "Pitwall paused this work item: a budget is at its limit" },
  ];
}

/** A label's description holds 100 characters: a workflow's description up to its first dash, comma or full stop. */
function firstClause(description: string): string {
  return description.split(/\s[—–-]\s|[,;.](?:\s|$)/)[0]?.trim() || description;
}
