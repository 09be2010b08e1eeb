export { formatUsd, nanoToUsd, sumUsd, usdToNano } from "./money.ts";
export { renderCostSummary, type CostRow, type CostSummaryInput } from "./render-cost-summary.ts";
