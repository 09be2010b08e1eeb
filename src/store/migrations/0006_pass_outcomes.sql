-- Re-running a finished work item (issue 6, "changing one input artifact re-runs exactly the
-- passes downstream of it"): each pass's approved outcome is kept under a key of its inputs, with
-- the repo files its agent read, so a re-run whose inputs are unchanged reuses it.

create table pass_outcomes (
  key text primary key,
  work_item_id bigint not null references work_items (id),
  pass_id text not null,
  agent text not null,
  -- { files: { path: blob sha | null }, listing: [path] | null }: what the agent read of the repo.
  reads jsonb not null,
  -- { path: blob sha | null }: the files the pass merged, as approved.
  outputs jsonb not null,
  provider text not null,
  model text not null,
  -- Every call the pass took to reach its approved outcome (all iterations and its verifiers).
  cost_usd numeric(18, 9) not null,
  -- Counts the approvals of this work item's pass: the highest is what the default branch holds.
  approval integer not null,
  created_at timestamptz not null
);

-- The outcome key of a pass's first iteration, what its agent read of the repo, and the paths it
-- committed (a re-run does not count the work item's own products as outside inputs).
alter table pass_runs add column outcome_key text;
alter table pass_runs add column reads jsonb;
alter table pass_runs add column written_paths jsonb not null default '[]';
-- Why a pass was reused instead of run (for the status card).
alter table pass_runs add column reuse_note text;
-- How many times the work item was run from its first pass (`/rerun` adds one).
alter table work_items add column run_number integer not null default 1;
