import { usdToNano } from "../../src/domain/money.ts";
import { appendLedger } from "../../src/store/ledger.ts";
import type { Sql } from "../../src/store/sql.ts";
import { createWorkItem, updateWorkItem } from "../../src/store/work-items.ts";

let seeded = 1000;

/** Earlier work in acme/rocket: a finished work item of `workflow` that cost `usd` (and had `size` words), spent `at`. */
export async function earlierWork(sql: Sql, workflow: string, usd: string, size = 100, at = new Date()): Promise<void> {
  seeded += 1;
  const { workItem } = await createWorkItem(sql, { installationId: 777, repo: { owner: "acme", name: "rocket" }, issueNumber: seeded, issueTitle: "Earlier", workflow, initiator: "alice", now: at });
  await updateWorkItem(sql, workItem.id, { state: "done", sizeSignal: size }, at);
  await appendLedger(sql, { workItemId: workItem.id, passRunId: null, iteration: 1, agent: "specifier", provider: "anthropic", model: "claude-sonnet-4-6", tier: "mid", tierReason: "r", inputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1, usd: usdToNano(usd), priced: true, priceTableDate: "2026-11-01", latencyMs: 1, cacheHit: false, savingUsd: 0n, createdAt: at });
}
