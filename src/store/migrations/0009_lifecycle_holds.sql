-- A work item follows its issue and its installation (issue 12): the label that started it, a
-- hold that GitHub's lifecycle put on it (the label removed, the issue closed, the repository
-- removed from the installation, the installation suspended), whether that hold is what paused
-- it, and a stop epoch that a running pass reads before every model call and GitHub write.

alter table work_items add column label text;
alter table work_items add column hold text;
alter table work_items add column hold_paused boolean not null default false;
alter table work_items add column stop_epoch integer not null default 0;

-- The installations GitHub told us about: a suspended or deleted one runs no jobs.
create table installations (
  id bigint primary key,
  state text not null check (state in ('active', 'suspended', 'deleted')),
  changed_at timestamptz not null
);
