import { describe, expect, it } from "vitest";
import { forecastWorkItem, sizeSignal } from "../../src/domain/forecast.ts";
import { usdToNano } from "../../src/domain/money.ts";

describe("forecastWorkItem", () => {
  it("scales the median cost per word of finished items to this issue's size", () => {
    // $0.02, $0.03 and $0.10 per word: the median is $0.03; 150 words → $4.50.
    const history = [
      { actualUsd: usdToNano("2.00"), size: 100 },
      { actualUsd: usdToNano("6.00"), size: 200 },
      { actualUsd: usdToNano("5.00"), size: 50 },
    ];
    expect(forecastWorkItem({ workflow: "feature", history, size: 150, workflowForecastUsd: 6 })).toEqual({
      usd: usdToNano("4.50"),
      basis: "3 finished feature work items in this repo (median $3.00 per 100 words of issue), scaled to this issue's 150 words",
    });
  });

  it("takes the middle of two for an even history", () => {
    expect(forecastWorkItem({ workflow: "bug", history: [{ actualUsd: usdToNano("1"), size: 100 }, { actualUsd: usdToNano("3"), size: 100 }], size: 100, workflowForecastUsd: undefined }).usd).toBe(usdToNano("2.00"));
  });

  it("falls back to the workflow's forecast_usd without history", () => {
    expect(forecastWorkItem({ workflow: "docs", history: [], size: 40, workflowForecastUsd: 1 })).toEqual({ usd: usdToNano("1.00"), basis: "the docs workflow's forecast_usd (no finished work items yet)" });
  });

  it("says when nothing is known", () => {
    expect(forecastWorkItem({ workflow: "docs", history: [], size: 40, workflowForecastUsd: undefined }).usd).toBeUndefined();
  });
});

describe("sizeSignal", () => {
  it("counts words, at least one", () => {
    expect(sizeSignal("Add dark mode\n\nUsers want  a dark theme.")).toBe(8);
    expect(sizeSignal("")).toBe(1);
  });
});
