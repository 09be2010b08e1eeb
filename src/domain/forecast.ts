// The forecast of a work item before it starts: from what finished work items of the
// same workflow in the repo cost, scaled by a size signal (the issue's length in words); the
// workflow's `forecast_usd` when there is no history. Pure; an estimate, so cents are enough.

export interface FinishedItem {
  actualUsd: string;
  /** The size signal of that item (its issue's words, at least 1). */
  size: number;
}

export interface Forecast {
  /** Dollars, two decimals; undefined when nothing is known. */
  usd: string | undefined;
  basis: string;
}

export function sizeSignal(issueText: string): number {
  return Math.max(1, issueText.split(/\s+/).filter(Boolean).length);
}

export function forecastWorkItem(input: { workflow: string; history: readonly FinishedItem[]; size: number; workflowForecastUsd: number | undefined }): Forecast {
  const usable = input.history.filter((item) => item.size > 0 && Number(item.actualUsd) >= 0);
  if (usable.length > 0) {
    const perWord = median(usable.map((item) => Number(item.actualUsd) / item.size));
    const usd = (perWord * Math.max(1, input.size)).toFixed(2);
    return {
      usd,
      basis: `${usable.length} finished ${input.workflow} work item${usable.length === 1 ? "" : "s"} in this repo (median $${(perWord * 100).toFixed(2)} per 100 words of issue), scaled to this issue's ${input.size} words`,
    };
  }
  if (input.workflowForecastUsd !== undefined) return { usd: input.workflowForecastUsd.toFixed(2), basis: `the ${input.workflow} workflow's forecast_usd (no finished work items yet)` };
  return { usd: undefined, basis: "no history and no forecast_usd in the workflow" };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
