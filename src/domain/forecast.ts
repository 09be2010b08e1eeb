// The forecast of a work item before it starts: from what finished work items of the
// same workflow in the repo cost, scaled by a size signal (the issue's length in words); the
// workflow's `forecast_usd` when there is no history. Pure; an estimate, so cents are enough:
// the median of dollars per word is a statistic, worked in floating point and rounded to the cent.
import { nanoToUsd, usdToNano, type Nano } from "./money.ts";

export interface FinishedItem {
  actualUsd: Nano;
  /** The size signal of that item (its issue's words, at least 1). */
  size: number;
}

export interface Forecast {
  /** Rounded to the cent; undefined when nothing is known. */
  usd: Nano | undefined;
  basis: string;
}

export function sizeSignal(issueText: string): number {
  return Math.max(1, issueText.split(/\s+/).filter(Boolean).length);
}

export function forecastWorkItem(input: { workflow: string; history: readonly FinishedItem[]; size: number; workflowForecastUsd: number | undefined }): Forecast {
  const usable = input.history.filter((item) => item.size > 0 && item.actualUsd >= 0n);
  if (usable.length > 0) {
    const perWord = median(usable.map((item) => Number(nanoToUsd(item.actualUsd)) / item.size));
    return {
      usd: cents(perWord * Math.max(1, input.size)),
      basis: `${usable.length} finished ${input.workflow} work item${usable.length === 1 ? "" : "s"} in this repo (median $${(perWord * 100).toFixed(2)} per 100 words of issue), scaled to this issue's ${input.size} words`,
    };
  }
  if (input.workflowForecastUsd !== undefined) return { usd: cents(input.workflowForecastUsd), basis: `the ${input.workflow} workflow's forecast_usd (no finished work items yet)` };
  return { usd: undefined, basis: "no history and no forecast_usd in the workflow" };
}

/** Rounded to the cent as `toFixed(2)` rounds. */
function cents(usd: number): Nano {
  return usdToNano(usd.toFixed(2));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
