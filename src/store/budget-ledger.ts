import { nanoToUsd, usdToNano } from "../cost/money.ts";
import type { Sql } from "./sql.ts";

// What budgets read and write: spend per scope in a period, reservations held before a dispatch
// and settled with the actual cost, and notices sent once.

export type SpendScope =
  | { scope: "installation"; installationId: number }
  | { scope: "repo"; owner: string; repo: string }
  | { scope: "workflow"; owner: string; repo: string; workflow: string }
  | { scope: "work_item"; workItemId: number };

function where(scope: SpendScope, first: number): { clause: string; params: (string | number)[] } {
  switch (scope.scope) {
    case "installation":
      return { clause: `w.installation_id = $${first}`, params: [scope.installationId] };
    case "repo":
      return { clause: `w.repo_owner = $${first} and w.repo_name = $${first + 1}`, params: [scope.owner, scope.repo] };
    case "workflow":
      return { clause: `w.repo_owner = $${first} and w.repo_name = $${first + 1} and w.workflow = $${first + 2}`, params: [scope.owner, scope.repo, scope.workflow] };
    case "work_item":
      return { clause: `w.id = $${first}`, params: [scope.workItemId] };
  }
}

/**
 * Spend in one scope: `spentUsd`, the ledger since `since` outside passes still running; and
 * `reservedUsd`, for each pass still running, the larger of its reservation and what it has spent
 * so far (so a running pass is never counted twice, nor less than it costs). Exact decimals.
 */
export async function spendInScope(sql: Sql, scope: SpendScope, since: Date): Promise<{ spentUsd: string; reservedUsd: string }> {
  const filter = where(scope, 2);
  // One statement, so both sums come from the same snapshot: a pass that settles between two
  // reads would otherwise be counted in neither.
  const [row] = await sql.query<{ spent: string | null; reserved: string | null }>(
    `select
       (select coalesce(sum(l.usd), 0) from ledger l join work_items w on w.id = l.work_item_id
         where l.created_at >= $1 and ${filter.clause}
           and not exists (select 1 from budget_reservations r where r.pass_run_id = l.pass_run_id and r.state = 'held'))::text as spent,
       (select coalesce(sum(greatest(r.estimate_usd, coalesce((select sum(l.usd) from ledger l where l.pass_run_id = r.pass_run_id), 0))), 0)
         from budget_reservations r join work_items w on w.id = r.work_item_id where r.state = 'held' and ${filter.clause})::text as reserved`,
    [since, ...filter.params],
  );
  return { spentUsd: normalise(row?.spent ?? "0"), reservedUsd: normalise(row?.reserved ?? "0") };
}

/** Holds `estimateUsd` for a pass run, once (a retried job keeps its first reservation). */
export async function holdReservation(sql: Sql, hold: { workItemId: number; passRunId: number; estimateUsd: string; now: Date }): Promise<void> {
  await sql.query(
    `insert into budget_reservations (work_item_id, pass_run_id, estimate_usd, state, created_at) values ($1, $2, $3, 'held', $4) on conflict (pass_run_id) do nothing`,
    [hold.workItemId, hold.passRunId, hold.estimateUsd, hold.now],
  );
}

export async function hasReservation(sql: Sql, passRunId: number): Promise<boolean> {
  return (await sql.query("select 1 from budget_reservations where pass_run_id = $1", [passRunId])).length > 0;
}

/** Replaces the held estimate with what the pass run actually cost (its ledger rows). */
export async function settleReservation(sql: Sql, passRunId: number, now: Date): Promise<void> {
  await sql.query(
    `update budget_reservations set state = 'settled', settled_at = $2,
       actual_usd = (select coalesce(sum(usd), 0) from ledger where pass_run_id = $1)
     where pass_run_id = $1 and state = 'held'`,
    [passRunId, now],
  );
}

/** Records that owners were told about `level` in this period; false when they already were. */
export async function recordNotice(sql: Sql, notice: { scope: string; name: string; periodStart: Date; level: string; now: Date }): Promise<boolean> {
  const rows = await sql.query(
    `insert into budget_notices (scope, name, period_start, level, created_at) values ($1, $2, $3, $4, $5) on conflict do nothing returning scope`,
    [notice.scope, notice.name, notice.periodStart, notice.level, notice.now],
  );
  return rows.length > 0;
}

/** Serialises budget decisions across workers and replicas (inside a transaction). */
export async function lockBudgets(tx: Sql): Promise<void> {
  await tx.query("select pg_advisory_xact_lock($1)", [7_301_006]);
}

function normalise(usd: string): string {
  return nanoToUsd(usdToNano(usd));
}

/** What finished work items of a workflow in a repo cost, with their size signal (for forecasts). */
export async function finishedSpend(sql: Sql, repo: { owner: string; name: string }, workflow: string): Promise<{ actualUsd: string; size: number }[]> {
  const rows = await sql.query<{ usd: string; size: number }>(
    `select coalesce((select sum(l.usd) from ledger l where l.work_item_id = w.id), 0)::text as usd, w.size_signal as size
     from work_items w where w.repo_owner = $1 and w.repo_name = $2 and w.workflow = $3 and w.state = 'done' and w.size_signal is not null order by w.id`,
    [repo.owner, repo.name, workflow],
  );
  return rows.map((row) => ({ actualUsd: normalise(row.usd), size: row.size }));
}
