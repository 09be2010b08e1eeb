-- The claim stays fast however many finished jobs the table keeps (issue 16): the indexes the
-- queue reads cover only the jobs still to run or running, so 100,000 finished jobs (until the
-- hourly prune removes them, see prune-jobs.ts) are never scanned by a claim.
drop index jobs_runnable;
create index jobs_queued on jobs (priority desc, turn, run_at, id) where status = 'queued';
create index jobs_queued_due on jobs (run_at) where status = 'queued';
create index jobs_running_lease on jobs (locked_until) where status = 'running';
-- The prune's own index: finished jobs by age.
create index jobs_finished on jobs (finished_at) where status in ('done', 'failed');
