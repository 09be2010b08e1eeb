-- The per-work-item lock of the job queue, across replicas (issue 16). A claim used to check "no
-- other running job has this lock key" with NOT EXISTS, which two claims in two processes pass at
-- once under READ COMMITTED (each sees only the other's old row): 474 of 500 races ran two jobs
-- of one work item together. Now a claim takes the key's row here in its own statement; the
-- primary key makes a second claimant wait for the first and then find the key held. The row is
-- the holder's until it completes or fails (a retry waits in the queue without it); a holder
-- whose lease ran out is claimed again under the same row.
create table job_locks (
  lock_key text primary key,
  job_id bigint not null
);
-- Jobs running at upgrade hold their keys (the oldest one, should two have run at once).
insert into job_locks (lock_key, job_id)
  select distinct on (lock_key) lock_key, id from jobs where status = 'running' and lock_key is not null order by lock_key, id;
