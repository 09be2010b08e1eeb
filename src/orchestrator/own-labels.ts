import { budgetPausedLabel } from "./budget-gate.ts";
import { needsHumanLabel } from "./perform-effects.ts";

/**
 * The labels Pitwall puts on issues itself. They never start a work item nor draw a "no workflow
 * has this label" reply; a label Pitwall adds later belongs in this list.
 */
export const ownLabels: ReadonlySet<string> = new Set([needsHumanLabel, budgetPausedLabel]);
