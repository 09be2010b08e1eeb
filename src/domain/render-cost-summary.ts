import { formatUsd, sumNano, type Nano } from "./money.ts";
import type { LedgerEntry } from "./types.ts";

/** A ledger row as the cost summary shows it (a cache hit: no call, and what it saved). */
export type CostRow = Pick<LedgerEntry, "agent" | "provider" | "model" | "tier" | "inputTokens" | "cacheWriteTokens" | "cacheReadTokens" | "outputTokens" | "usd" | "priced" | "latencyMs"> &
  Partial<Pick<LedgerEntry, "cacheHit" | "savingUsd">>;

export interface CostSummaryInput {
  title: string;
  rows: readonly CostRow[];
  /** The work item's total so far (all passes), and its budget if one is set. */
  workItemTotalUsd: Nano;
  budgetUsd?: Nano | undefined;
  priceTableDate: string;
  switches?: readonly string[];
  /** Whose calls the rows are: one pass's (default) or the whole work item's (`/cost`, the final summary). */
  scope?: "pass" | "work item";
}

const count = (n: number) => n.toLocaleString("en-US");

/** The cost summary comment of a pass: one line per model call, then the pass and work-item totals. */
export function renderCostSummary(input: CostSummaryInput): string {
  const lines = [
    `### 💰 ${input.title}`,
    "",
    "| # | agent | model | tier | input | cache write | cache read | output | cost | time |",
    "| -: | --- | --- | --- | -: | -: | -: | -: | -: | -: |",
    ...input.rows.map(
      (row, index) =>
        `| ${index + 1} | ${row.agent} | ${row.provider}/${row.model} | ${row.tier} | ${count(row.inputTokens)} | ${count(row.cacheWriteTokens)} | ${count(row.cacheReadTokens)} | ${count(row.outputTokens)} | ${row.cacheHit ? `cache hit (saved ${formatUsd(row.savingUsd ?? 0n)})` : row.priced ? formatUsd(row.usd) : "unpriced"} | ${(row.latencyMs / 1000).toFixed(1)} s |`,
    ),
  ];
  const passTotal = sumNano(input.rows.map((row) => row.usd));
  const tokens = input.rows.reduce((sum, row) => sum + row.inputTokens + row.cacheWriteTokens + row.cacheReadTokens + row.outputTokens, 0);
  const seconds = input.rows.reduce((sum, row) => sum + row.latencyMs, 0) / 1000;
  lines.push(
    "",
    `**${input.scope === "work item" ? "All calls of the work item" : "This pass"}:** ${formatUsd(passTotal)} · ${count(tokens)} tokens · ${seconds.toFixed(1)} s of model time`,
    `**Work item so far:** ${formatUsd(input.workItemTotalUsd)}${input.budgetUsd === undefined ? "" : ` of a ${formatUsd(input.budgetUsd)} budget`}`,
  );
  const hits = input.rows.filter((row) => row.cacheHit);
  if (hits.length > 0) {
    lines.push(`**Saved by the artifact cache:** ${formatUsd(sumNano(hits.map((row) => row.savingUsd ?? 0n)))} (${hits.length} reused ${hits.length === 1 ? "output" : "outputs"} instead of model calls)`);
  }
  if (input.rows.some((row) => !row.priced)) lines.push("", "⚠️ Some calls used a model with no price in the table; set its price under `prices:` in `.github/pitwall.yml`.");
  if (input.switches && input.switches.length > 0) lines.push("", `Provider switches: ${input.switches.join("; ")}`);
  lines.push("", `<sub>Prices from the table dated ${input.priceTableDate}.</sub>`);
  return lines.join("\n");
}
