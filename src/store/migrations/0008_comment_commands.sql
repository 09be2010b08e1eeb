-- Commands are identified by their comment, not by the webhook delivery that carried them
-- (issue 12): the delivery id is not covered by the signature, so a captured body replayed under a
-- new id verifies. A comment's commands run once; an edit that adds commands is answered once
-- per edit (its `updated_at`), and never runs them.
create table comment_commands (
  comment_id bigint not null,
  updated_at timestamptz not null,
  -- acted: its commands were queued to run; edit_answered: an edit that added commands was told so
  kind text not null check (kind in ('acted', 'edit_answered')),
  repo_full_name text not null,
  recorded_at timestamptz not null default now(),
  primary key (comment_id, updated_at)
);

-- When GitHub says a `/approve` or `/reject` was written (the comment's `created_at`), so whether it
-- came before or after a push is decided on GitHub's clock, whatever order the webhooks arrive in.
alter table gate_decisions add column written_at timestamptz;
