export { decide, InvalidTransitionError, workItemStates, type Decision, type Effect, type WorkItemEvent, type WorkItemSnapshot, type WorkItemState } from "./work-item-state.ts";
export { renderStatusCard, type StatusCardInput } from "./render-status-card.ts";
export { dollarsToNano, formatUsd, nanoToUsd, sumNano, usdToNano } from "./money.ts";
export type { Nano } from "./money.ts";
export { renderCostSummary, type CostRow, type CostSummaryInput } from "./render-cost-summary.ts";
