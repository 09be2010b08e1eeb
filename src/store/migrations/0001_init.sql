-- Pitwall's first schema. Migrations are append-only: never edit a released file, add the next one.

-- Every webhook delivery GitHub sent us, by its X-GitHub-Delivery id (the same on a redelivery),
-- so a delivery handled twice changes nothing.
create table webhook_deliveries (
  delivery_id text primary key,
  event text not null,
  action text,
  installation_id bigint,
  repo_full_name text,
  received_at timestamptz not null
);

-- The durable job queue. `lock_key` serialises jobs of one work item; `dedupe_key` makes
-- enqueueing idempotent.
create table jobs (
  id bigserial primary key,
  kind text not null,
  payload jsonb not null,
  dedupe_key text unique,
  lock_key text,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  priority integer not null default 0,
  run_at timestamptz not null,
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null,
  finished_at timestamptz
);
create index jobs_runnable on jobs (status, priority desc, run_at, id);
create index jobs_lock_key on jobs (lock_key) where status = 'running';

-- One work item per issue. Definitions and config are pinned at the default branch's commit
-- when it starts, so a pull request can never change its own gates.
create table work_items (
  id bigserial primary key,
  installation_id bigint not null,
  repo_owner text not null,
  repo_name text not null,
  issue_number integer not null,
  issue_title text not null,
  workflow text not null,
  state text not null,
  state_reason text,
  current_pass text,
  pinned_sha text,
  definitions jsonb,
  initiator text not null,
  status_comment_id bigint,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (repo_owner, repo_name, issue_number)
);

-- One row per run of a pass (a rework is the next iteration of the same pass).
create table pass_runs (
  id bigserial primary key,
  work_item_id bigint not null references work_items (id),
  pass_id text not null,
  iteration integer not null,
  state text not null,
  agent text not null,
  branch text,
  pr_number integer,
  head_sha text,
  gate_check_run_id bigint,
  cost_comment_id bigint,
  error text,
  started_at timestamptz not null,
  finished_at timestamptz,
  unique (work_item_id, pass_id, iteration)
);

-- Every gate decision: who, what, at which commit.
create table gate_decisions (
  id bigserial primary key,
  work_item_id bigint not null references work_items (id),
  pass_run_id bigint not null references pass_runs (id),
  decision text not null check (decision in ('approve', 'reject', 'refused')),
  actor text not null,
  actor_permission text not null,
  commit_sha text,
  reason text,
  source_comment_id bigint,
  decided_at timestamptz not null
);

-- The append-only ledger: one row per model call. Dollars in numeric, exact.
create table ledger (
  id bigserial primary key,
  work_item_id bigint not null references work_items (id),
  pass_run_id bigint references pass_runs (id),
  iteration integer not null,
  agent text not null,
  provider text not null,
  model text not null,
  tier text not null,
  tier_reason text not null,
  input_tokens integer not null,
  cache_write_tokens integer not null,
  cache_read_tokens integer not null,
  output_tokens integer not null,
  usd numeric(18, 9) not null,
  priced boolean not null,
  price_table_date text not null,
  latency_ms integer not null,
  cache_hit boolean not null default false,
  saving_usd numeric(18, 9) not null default 0,
  created_at timestamptz not null
);
create index ledger_work_item on ledger (work_item_id);

-- The audit trail shown on the status card: every decision and notable event.
create table audit_log (
  id bigserial primary key,
  work_item_id bigint not null references work_items (id),
  actor text not null,
  action text not null,
  detail text,
  commit_sha text,
  at timestamptz not null
);
create index audit_log_work_item on audit_log (work_item_id, id);
