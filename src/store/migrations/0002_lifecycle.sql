-- The whole lifecycle (issue 3): iterations, pause, tier overrides, verifier runs, CI feedback,
-- deployments, classification and follow-ups.

alter table work_items add column iteration integer not null default 1;
alter table work_items add column paused_from text;
-- `/tier <tier>`: used by the next run of the current pass, then cleared.
alter table work_items add column tier_override text;
-- What the default branch's protection lacks, shown on the status card (null: nothing to say).
alter table work_items add column protection_note text;
-- The analyst's proposal for a plain `pitwall` label: { workflow, confidence, reasoning }.
alter table work_items add column proposal jsonb;

-- A pass run row is created when its iteration is decided (state 'queued'), so what it needs
-- (tier, feedback, why it runs) survives a restart or a pause.
alter table pass_runs add column trigger text not null default 'first';
alter table pass_runs add column tier text;
alter table pass_runs add column tier_reason text;
alter table pass_runs add column feedback text;
-- The tree the iteration committed: an iteration that repeats an earlier tree made no progress.
alter table pass_runs add column tree_sha text;
-- The head for which CI failures were already sent back (one rework per failing commit).
alter table pass_runs add column ci_feedback_sha text;
alter table pass_runs add column deployment_id bigint;
alter table pass_runs add column deployment_state text;
alter table pass_runs add column deployment_url text;
alter table pass_runs add column follow_up_issue integer;
-- When the current head was recorded: a comment written before it cannot approve it.
alter table pass_runs add column head_at timestamptz;
alter table pass_runs alter column started_at drop not null;

-- Approvals from PR reviews count too; `source` says which.
alter table gate_decisions add column source text not null default 'comment';

-- One row per verifier per commit of a pass run: its check run and verdict.
create table verifier_runs (
  id bigserial primary key,
  pass_run_id bigint not null references pass_runs (id),
  verifier text not null,
  head_sha text not null,
  state text not null check (state in ('queued', 'running', 'completed')),
  conclusion text,
  summary text,
  -- [{ path?, line?, severity, message }] as the verifier reported them
  findings jsonb not null default '[]',
  check_run_id bigint,
  created_at timestamptz not null,
  unique (pass_run_id, verifier, head_sha)
);
