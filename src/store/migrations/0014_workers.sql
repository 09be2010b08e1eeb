-- Which workers live (issue 16): each process beats its row every few seconds, by the database's
-- clock. A running job whose worker has not beaten for half a minute is taken back at once,
-- without waiting out its 10-minute lease (a killed replica's jobs come back within seconds);
-- a live worker's long job keeps beating and is never taken.
create table workers (
  id text primary key,
  started_at timestamptz not null,
  heartbeat_at timestamptz not null
);
create index jobs_running_by on jobs (locked_by) where status = 'running';
