import { nanoToUsd, usdToNano, type Nano } from "../domain/money.ts";
import type { Sql } from "./sql.ts";
import type { CachedRun } from "../domain/types.ts";

export async function findCachedRun(sql: Sql, key: string): Promise<{ entry: CachedRun; costUsd: Nano } | undefined> {
  const rows = await sql.query<{ entry: CachedRun; cost_usd: string }>("select entry, cost_usd::text as cost_usd from artifact_cache where key = $1", [key]);
  return rows[0] ? { entry: rows[0].entry, costUsd: usdToNano(rows[0].cost_usd) } : undefined;
}

/** Stores a run's outputs under its key, once (the first run's cost is what a hit saves). */
export async function storeCachedRun(sql: Sql, run: { key: string; agent: string; passId: string; entry: CachedRun; costUsd: Nano; now: Date }): Promise<void> {
  await sql.query("insert into artifact_cache (key, agent, pass_id, entry, cost_usd, created_at) values ($1, $2, $3, $4, $5, $6) on conflict (key) do nothing", [
    run.key,
    run.agent,
    run.passId,
    run.entry,
    nanoToUsd(run.costUsd),
    run.now,
  ]);
}
