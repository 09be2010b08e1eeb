// The one priority policy: what a job's priority number means. The queue claims the highest
// number first, then the lowest fairness turn, then the oldest (store/jobs.ts `claimJob`); the
// catalogue gives every kind one of these rules, and a scheduler that weighs more (resources,
// reservations, age) extends them here.

/** Someone is waiting on the answer: a command, a lifecycle change, GitHub's news about a pass PR. */
export const answerPriority = 100;

/** A check every pull request waits for (the definitions lint, the ordinary `pitwall/gate`). */
export const pullRequestCheckPriority = 60;

/**
 * A workflow's priority when nothing says otherwise (the workflow schema's default; 0–100):
 * ordinary work. Budgets call a workflow low priority below `low_priority_below` (40 by default).
 */
export const defaultWorkflowPriority = 50;

/** Upkeep nobody waits on (Pitwall's labels in a repository that joined): ordinary work. */
export const upkeepPriority = defaultWorkflowPriority;

/** The workflow a work item's job belongs to; absent while its definitions are not pinned. */
export interface WorkflowPriorityContext {
  workflow: { priority?: number | undefined } | undefined;
}

/** A work item's passes, verifiers and their follow-ups run at their workflow's priority. */
export function workflowPriority(workflow: WorkflowPriorityContext["workflow"]): number {
  return workflow?.priority ?? defaultWorkflowPriority;
}

/** Below this a workflow is low priority for budgets (config `budgets.low_priority_below`, whose schema default it matches). */
export const defaultLowPriorityBelow = 40;

/** Whether budgets treat a work item's workflow as low priority: delayed first when a budget nears its limit. */
export function isLowPriority(workflow: WorkflowPriorityContext["workflow"], lowPriorityBelow: number | undefined): boolean {
  return workflowPriority(workflow) < (lowPriorityBelow ?? defaultLowPriorityBelow);
}
