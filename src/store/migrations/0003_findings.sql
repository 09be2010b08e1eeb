-- Verifier findings as check-run annotations, and waivers (issue 5).

-- The verifier's own verdict ('pass' / 'fail' / null for deterministic checks); the conclusion is
-- recomputed from it and the unwaived findings.
alter table verifier_runs add column verdict text;
-- Finding ids already sent as annotations on this check run: GitHub appends annotations on
-- every update, so a re-run sends only new ones.
alter table verifier_runs add column annotated_ids jsonb not null default '[]';

-- `/waive <finding-id> <why>`: one finding dismissed by a gate approver, with the reason.
create table finding_waivers (
  id bigserial primary key,
  work_item_id bigint not null references work_items (id),
  pass_run_id bigint not null references pass_runs (id),
  finding_id text not null,
  actor text not null,
  reason text not null,
  commit_sha text,
  waived_at timestamptz not null,
  unique (pass_run_id, finding_id)
);
