import { nanoToUsd, usdToNano, type Nano } from "../domain/money.ts";
import type { Sql } from "./sql.ts";
import type { HeldReservation, ReservationHold, ReservationHolder, SpendScope } from "../domain/types.ts";

// What budgets read and write: spend per scope in a period, reservations held before a dispatch
// and settled with the actual cost, and notices sent once.

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
 * Spend in one scope: `spentUsd`, the ledger since `since`; and `reservedUsd`, what reservations
 * still held have not spent yet (each reservation's estimate less the calls made under it, never
 * below zero), so a running pass is never counted twice, nor less than it costs. Exact decimals.
 */
export async function spendInScope(sql: Sql, scope: SpendScope, since: Date): Promise<{ spentUsd: Nano; reservedUsd: Nano }> {
  const filter = where(scope, 2);
  // One statement, so both sums come from the same snapshot: a call recorded between two reads
  // would otherwise be counted in both, or a settlement in neither.
  const [row] = await sql.query<{ spent: string | null; reserved: string | null }>(
    `select
       (select coalesce(sum(l.usd), 0) from ledger l join work_items w on w.id = l.work_item_id
         where l.created_at >= $1 and ${filter.clause})::text as spent,
       (select coalesce(sum(greatest(r.estimate_usd - coalesce((select sum(l.usd) from ledger l where l.reservation_id = r.id), 0), 0)), 0)
         from budget_reservations r join work_items w on w.id = r.work_item_id where r.state = 'held' and ${filter.clause})::text as reserved`,
    [since, ...filter.params],
  );
  return { spentUsd: usdToNano(row?.spent ?? "0"), reservedUsd: usdToNano(row?.reserved ?? "0") };
}

/**
 * Holds `estimateUsd` for a pass run and returns the reservation's id. A reservation still held
 * (a retried job) keeps its estimate; a settled one (an earlier attempt) is held again for
 * `estimateUsd` more than it spent.
 */
export async function holdReservation(sql: Sql, hold: ReservationHold): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `insert into budget_reservations (work_item_id, pass_run_id, holder, estimate_usd, state, created_at) values ($1, $2, $3, $4, 'held', $5)
     on conflict (pass_run_id, holder) do update set
       estimate_usd = case when budget_reservations.state = 'held' then budget_reservations.estimate_usd
                           else coalesce(budget_reservations.actual_usd, 0) + excluded.estimate_usd end,
       state = 'held', settled_at = null, actual_usd = null
     returning id`,
    [hold.workItemId, hold.passRunId, hold.holder ?? "pass", nanoToUsd(hold.estimateUsd), hold.now],
  );
  if (!row) throw new Error(`the reservation of pass run ${hold.passRunId} could not be recorded`);
  return Number(row.id);
}

/** Whether a pass run's own reservation is held (an attempt that stopped half-way holds it still). */
export async function hasHeldReservation(sql: Sql, passRunId: number): Promise<boolean> {
  return (await sql.query("select 1 from budget_reservations where pass_run_id = $1 and holder = 'pass' and state = 'held'", [passRunId])).length > 0;
}

/** A held reservation with what was spent under it (inside the budget lock, to top it up). */
export async function readReservation(sql: Sql, id: number): Promise<HeldReservation | undefined> {
  const [row] = await sql.query<{ id: number; estimate: string; spent: string }>(
    `select r.id, r.estimate_usd::text as estimate, coalesce((select sum(l.usd) from ledger l where l.reservation_id = r.id), 0)::text as spent
     from budget_reservations r where r.id = $1 and r.state = 'held'`,
    [id],
  );
  return row ? { id: Number(row.id), estimateUsd: usdToNano(row.estimate), spentUsd: usdToNano(row.spent) } : undefined;
}

/**
 * Holds a settled reservation again at what it spent (nothing unspent): another attempt of the
 * same work settled it while this one still runs.
 */
export async function reopenReservation(sql: Sql, id: number): Promise<void> {
  await sql.query("update budget_reservations set state = 'held', estimate_usd = coalesce(actual_usd, 0), actual_usd = null, settled_at = null where id = $1 and state = 'settled'", [id]);
}

/** Raises a held reservation's estimate (never lowers it). */
export async function raiseReservation(sql: Sql, id: number, estimateUsd: Nano): Promise<void> {
  await sql.query("update budget_reservations set estimate_usd = greatest(estimate_usd, $2) where id = $1 and state = 'held'", [id, nanoToUsd(estimateUsd)]);
}

// Settling replaces the held estimate with what was actually spent under the reservation.
const settle = (which: string) => `update budget_reservations r set state = 'settled', settled_at = $1,
    actual_usd = (select coalesce(sum(l.usd), 0) from ledger l where l.reservation_id = r.id)
  where ${which} and r.state = 'held'`;

/** Settles one reservation by its id. */
export async function settleReservationById(sql: Sql, id: number, now: Date): Promise<void> {
  await sql.query(settle("r.id = $2"), [now, id]);
}

/** Settles a pass run's reservation for `holder` (by default the pass's own). */
export async function settleReservation(sql: Sql, passRunId: number, now: Date, holder: ReservationHolder = "pass"): Promise<void> {
  await sql.query(settle("r.pass_run_id = $2 and r.holder = $3"), [now, passRunId, holder]);
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

/** What finished work items of a workflow in a repo cost, with their size signal (for forecasts). */
export async function finishedSpend(sql: Sql, repo: { owner: string; name: string }, workflow: string): Promise<{ actualUsd: Nano; size: number }[]> {
  const rows = await sql.query<{ usd: string; size: number }>(
    `select coalesce((select sum(l.usd) from ledger l where l.work_item_id = w.id), 0)::text as usd, w.size_signal as size
     from work_items w where w.repo_owner = $1 and w.repo_name = $2 and w.workflow = $3 and w.state = 'done' and w.size_signal is not null order by w.id`,
    [repo.owner, repo.name, workflow],
  );
  return rows.map((row) => ({ actualUsd: usdToNano(row.usd), size: row.size }));
}
