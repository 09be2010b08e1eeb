-- Budgets that control dispatch (issue 6): reservations held before a pass runs and settled
-- with its actual cost, notices sent once per budget period and level, and the forecast.

create table budget_reservations (
  id bigserial primary key,
  work_item_id bigint not null references work_items (id),
  pass_run_id bigint not null unique references pass_runs (id),
  estimate_usd numeric(18, 9) not null,
  actual_usd numeric(18, 9),
  state text not null check (state in ('held', 'settled')),
  created_at timestamptz not null,
  settled_at timestamptz
);
create index budget_reservations_held on budget_reservations (state) where state = 'held';

-- "Owners are notified once": one row per budget, period and level reached.
create table budget_notices (
  scope text not null,
  name text not null,
  period_start timestamptz not null,
  level text not null,
  created_at timestamptz not null,
  primary key (scope, name, period_start, level)
);

alter table work_items add column forecast_usd numeric(18, 9);
alter table work_items add column forecast_basis text;
-- `/approve budget` lets exactly one dispatch through: `<pass>:<iteration>`.
alter table work_items add column budget_approved_for text;
-- Why a budget holds the work item (null when no budget does).
alter table work_items add column budget_hold text;
-- The size signal forecasts scale by (the issue's words when the work item started).
alter table work_items add column size_signal integer;
-- Provider switches of a pass run (its agent's and its verifiers'), for the cost summary.
alter table pass_runs add column switches jsonb not null default '[]';
