import { usdToNano } from "../domain/money.ts";
import type { CostLedgerRow } from "../domain/cost-report.ts";
import type { Sql, SqlParam } from "./sql.ts";

export interface LedgerReportFilter {
  from: Date;
  /** Exclusive. */
  to: Date;
  installationId?: number | undefined;
  /** Matched without regard to case, as GitHub does. */
  repo?: { owner: string; name: string } | undefined;
}

interface Row {
  id: number;
  created_at: Date;
  installation_id: number;
  repo_owner: string;
  repo_name: string;
  work_item_id: number;
  issue_number: number;
  workflow: string;
  pass_run_id: number | null;
  pass_id: string | null;
  iteration: number;
  agent: string;
  provider: string;
  model: string;
  tier: string;
  input_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  output_tokens: number;
  usd: string;
  priced: boolean;
  cache_hit: boolean;
  saving_usd: string;
}

/** Ledger rows of a period with their work item and pass, oldest first, for the cost reports. */
export async function ledgerRows(sql: Sql, filter: LedgerReportFilter): Promise<CostLedgerRow[]> {
  const params: SqlParam[] = [filter.from, filter.to];
  const where = ["l.created_at >= $1", "l.created_at < $2"];
  if (filter.installationId !== undefined) {
    params.push(filter.installationId);
    where.push(`w.installation_id = $${params.length}`);
  }
  if (filter.repo) {
    params.push(filter.repo.owner.toLowerCase(), filter.repo.name.toLowerCase());
    where.push(`lower(w.repo_owner) = $${params.length - 1}`, `lower(w.repo_name) = $${params.length}`);
  }
  const rows = await sql.query<Row>(
    `select l.id, l.created_at, w.installation_id, w.repo_owner, w.repo_name, l.work_item_id, w.issue_number, w.workflow,
       l.pass_run_id, p.pass_id, l.iteration, l.agent, l.provider, l.model, l.tier,
       l.input_tokens, l.cache_write_tokens, l.cache_read_tokens, l.output_tokens,
       l.usd::text as usd, l.priced, l.cache_hit, l.saving_usd::text as saving_usd
     from ledger l
     join work_items w on w.id = l.work_item_id
     left join pass_runs p on p.id = l.pass_run_id
     where ${where.join(" and ")}
     order by l.created_at, l.id`,
    params,
  );
  return rows.map((row) => ({
    ledgerId: row.id,
    createdAt: row.created_at,
    installationId: row.installation_id,
    repo: { owner: row.repo_owner, name: row.repo_name },
    workItemId: row.work_item_id,
    issueNumber: row.issue_number,
    workflow: row.workflow,
    passRunId: row.pass_run_id,
    passId: row.pass_id,
    iteration: row.iteration,
    agent: row.agent,
    provider: row.provider,
    model: row.model,
    tier: row.tier,
    inputTokens: row.input_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    cacheReadTokens: row.cache_read_tokens,
    outputTokens: row.output_tokens,
    usd: usdToNano(row.usd),
    priced: row.priced,
    cacheHit: row.cache_hit,
    savingUsd: usdToNano(row.saving_usd),
  }));
}
