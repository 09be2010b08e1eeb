import type { RepoReads } from "../domain/pass-outcome.ts";
import { nanoToUsd, usdToNano } from "../domain/money.ts";
import type { Sql } from "./sql.ts";
import type { PassOutcome } from "../domain/types.ts";

interface PassOutcomeRow {
  key: string;
  work_item_id: number;
  pass_id: string;
  agent: string;
  reads: RepoReads;
  outputs: Record<string, string | null>;
  provider: string;
  model: string;
  cost_usd: string;
}

export async function findPassOutcome(sql: Sql, key: string): Promise<PassOutcome | undefined> {
  const rows = await sql.query<PassOutcomeRow>("select key, work_item_id, pass_id, agent, reads, outputs, provider, model, cost_usd::text as cost_usd from pass_outcomes where key = $1", [key]);
  const row = rows[0];
  return row ? { key: row.key, workItemId: row.work_item_id, passId: row.pass_id, agent: row.agent, reads: row.reads, outputs: row.outputs, provider: row.provider, model: row.model, costUsd: usdToNano(row.cost_usd) } : undefined;
}

/** The latest approval of a key wins: a pass that ran again on the same inputs (its reads had changed) replaces the outcome. */
export async function storePassOutcome(sql: Sql, outcome: PassOutcome, now: Date): Promise<void> {
  await sql.query(
    `insert into pass_outcomes (key, work_item_id, pass_id, agent, reads, outputs, provider, model, cost_usd, approval, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, (select coalesce(max(approval), 0) + 1 from pass_outcomes where work_item_id = $2 and pass_id = $3), $10)
     on conflict (key) do update set reads = excluded.reads, outputs = excluded.outputs, provider = excluded.provider, model = excluded.model, cost_usd = excluded.cost_usd,
       approval = excluded.approval, created_at = excluded.created_at`,
    [outcome.key, outcome.workItemId, outcome.passId, outcome.agent, outcome.reads, outcome.outputs, outcome.provider, outcome.model, nanoToUsd(outcome.costUsd), now],
  );
}

/** The key of the pass's latest approved outcome in the work item (what its outputs on the default branch came from). */
export async function latestOutcomeKey(sql: Sql, workItemId: number, passId: string): Promise<string | undefined> {
  const rows = await sql.query<{ key: string }>("select key from pass_outcomes where work_item_id = $1 and pass_id = $2 order by approval desc limit 1", [workItemId, passId]);
  return rows[0]?.key;
}

/** Every path the work item's passes committed, in any run: its own products. */
export async function workItemProducts(sql: Sql, workItemId: number): Promise<Set<string>> {
  const rows = await sql.query<{ path: string }>("select distinct jsonb_array_elements_text(written_paths) as path from pass_runs where work_item_id = $1", [workItemId]);
  return new Set(rows.map((row) => row.path));
}
