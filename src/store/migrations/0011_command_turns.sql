-- One comment, one answer (issue 13). A person's command jobs on a work item take turns with
-- everyone else's: a job's turn is how many jobs with the same fairness key (the author on the
-- work item) were waiting when it was queued, and the queue takes lower turns first within a
-- priority, so a hundred comments from one person never hold up another person's `/approve`.
alter table jobs add column fair_key text;
alter table jobs add column turn integer not null default 0;
create index jobs_fair_key on jobs (fair_key) where status in ('queued', 'running');
-- (comment_commands: an edit that adds command lines is now answered once per comment, not once
-- per edit; see record-comment-command.ts.)
