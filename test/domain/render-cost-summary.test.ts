import { describe, expect, it } from "vitest";
import { usdToNano } from "../../src/domain/money.ts";
import { renderCostSummary, type CostRow } from "../../src/domain/render-cost-summary.ts";

const row = (agent: string, usd: string): CostRow =>
  ({ agent, provider: "anthropic", model: "claude-sonnet-4-6", tier: "mid", inputTokens: 1_000, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 500, usd: usdToNano(usd), priced: true, cacheHit: false, latencyMs: 1_500 });

describe("renderCostSummary", () => {
  const input = { title: "Cost", rows: [row("writer", "0.02"), row("reviewer", "0.03")], workItemTotalUsd: usdToNano("0.05"), priceTableDate: "2026-11-01" };

  it("totals one pass's calls as the pass", () => {
    const body = renderCostSummary(input);
    expect(body).toContain("**This pass:** $0.05 · 3,000 tokens · 3.0 s of model time");
    expect(body).toContain("**Work item so far:** $0.05");
  });

  it("does not call the whole work item's calls a pass", () => {
    const body = renderCostSummary({ ...input, scope: "work item" });
    expect(body).toContain("**All calls of the work item:** $0.05 · 3,000 tokens");
    expect(body).not.toContain("This pass");
  });
});
