-- Which replica and process each worker is (issue 16, point 3): a restarted replica on PostgreSQL
-- finds the rows its own previous processes left (same replica, a process gone from this host)
-- and takes back their jobs at once instead of waiting for their heartbeat to go 30 s stale.
-- pid_scope is the kernel's boot id and the pid namespace: only within one scope does a pid tell
-- whether its process lives. Null for rows of workers of an older version: left to the heartbeat.
alter table workers add column replica text;
alter table workers add column pid integer;
alter table workers add column pid_scope text;
create index workers_by_replica on workers (replica);
