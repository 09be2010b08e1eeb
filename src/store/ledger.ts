import { nanoToUsd, usdToNano, type Nano } from "../domain/money.ts";
import type { Sql } from "./sql.ts";
import type { LedgerEntry } from "../domain/types.ts";

export async function appendLedger(sql: Sql, entry: LedgerEntry): Promise<void> {
  await sql.query(
    `insert into ledger (work_item_id, pass_run_id, iteration, agent, provider, model, tier, tier_reason, input_tokens, cache_write_tokens,
       cache_read_tokens, output_tokens, usd, priced, price_table_date, latency_ms, cache_hit, saving_usd, created_at, reservation_id, call_id, answered)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     -- A call's row was written before it was sent: its answer settles that row.
     on conflict (call_id) do update set model = excluded.model, tier_reason = excluded.tier_reason, input_tokens = excluded.input_tokens,
       cache_write_tokens = excluded.cache_write_tokens, cache_read_tokens = excluded.cache_read_tokens, output_tokens = excluded.output_tokens,
       usd = excluded.usd, priced = excluded.priced, latency_ms = excluded.latency_ms, answered = excluded.answered`,
    [
      entry.workItemId,
      entry.passRunId,
      entry.iteration,
      entry.agent,
      entry.provider,
      entry.model,
      entry.tier,
      entry.tierReason,
      entry.inputTokens,
      entry.cacheWriteTokens,
      entry.cacheReadTokens,
      entry.outputTokens,
      nanoToUsd(entry.usd),
      entry.priced,
      entry.priceTableDate,
      entry.latencyMs,
      entry.cacheHit,
      nanoToUsd(entry.savingUsd),
      entry.createdAt,
      entry.reservationId ?? null,
      entry.callId ?? null,
      entry.answered ?? true,
    ],
  );
}

/** Removes the row of a call the vendor refused with an error (it bills none). */
export async function dropLedgerCall(sql: Sql, callId: string): Promise<void> {
  await sql.query("delete from ledger where call_id = $1 and not answered", [callId]);
}

interface LedgerRow {
  work_item_id: number;
  pass_run_id: number | null;
  iteration: number;
  agent: string;
  provider: string;
  model: string;
  tier: string;
  tier_reason: string;
  input_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  output_tokens: number;
  usd: string;
  priced: boolean;
  price_table_date: string;
  latency_ms: number;
  cache_hit: boolean;
  saving_usd: string;
  created_at: Date;
  call_id: string | null;
  answered: boolean;
}

/** Ledger rows of a work item, optionally of one pass run, oldest first. */
export async function listLedger(sql: Sql, filter: { workItemId: number; passRunId?: number }): Promise<LedgerEntry[]> {
  const rows = await sql.query<LedgerRow>(
    filter.passRunId === undefined
      ? "select * from ledger where work_item_id = $1 order by id"
      : "select * from ledger where work_item_id = $1 and pass_run_id = $2 order by id",
    filter.passRunId === undefined ? [filter.workItemId] : [filter.workItemId, filter.passRunId],
  );
  return rows.map((row) => ({
    workItemId: row.work_item_id,
    passRunId: row.pass_run_id,
    iteration: row.iteration,
    agent: row.agent,
    provider: row.provider,
    model: row.model,
    tier: row.tier,
    tierReason: row.tier_reason,
    inputTokens: row.input_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    cacheReadTokens: row.cache_read_tokens,
    outputTokens: row.output_tokens,
    usd: usdToNano(row.usd),
    priced: row.priced,
    priceTableDate: row.price_table_date,
    latencyMs: row.latency_ms,
    cacheHit: row.cache_hit,
    savingUsd: usdToNano(row.saving_usd),
    createdAt: row.created_at,
    callId: row.call_id,
    answered: row.answered,
  }));
}

/** Total dollars of a work item, summed exactly by the database. */
/** What the artifact cache saved the work item: the recorded savings of its cache hits. */
export async function workItemSaving(sql: Sql, workItemId: number): Promise<Nano> {
  const rows = await sql.query<{ usd: string }>("select coalesce(sum(saving_usd), 0)::text as usd from ledger where work_item_id = $1", [workItemId]);
  return usdToNano(rows[0]?.usd ?? "0");
}

export async function workItemSpend(sql: Sql, workItemId: number): Promise<Nano> {
  const rows = await sql.query<{ usd: string }>("select coalesce(sum(usd), 0)::text as usd from ledger where work_item_id = $1", [workItemId]);
  return usdToNano(rows[0]?.usd ?? "0");
}
