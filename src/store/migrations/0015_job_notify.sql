-- Wakes idle workers on every replica when there is work (issue 16): a job queued, or a work
-- item's lock key freed so its next job may run, notifies the channel `pitwall_jobs`; each
-- process on PostgreSQL listens and looks at the queue at once instead of at its next poll.
-- A notification is sent when its transaction commits, so the job is visible by then, and one
-- transaction sends one however many rows it touched (same channel, same payload).
create function pitwall_notify_jobs() returns trigger language plpgsql as $$
begin
  perform pg_notify('pitwall_jobs', '');
  return null;
end;
$$;
create trigger jobs_queued_notify after insert or update of status on jobs
  for each row when (new.status = 'queued') execute function pitwall_notify_jobs();
create trigger job_lock_freed_notify after delete on job_locks
  for each row execute function pitwall_notify_jobs();
