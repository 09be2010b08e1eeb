import type { Sql } from "./sql.ts";

// Worker liveness for the job queue. Heartbeats use the database's clock, never a process's, so
// replicas whose clocks disagree (or a test's fake clock) cannot make a live worker look dead.

/** A worker whose heartbeat is older than this is dead: its running jobs are claimed again. */
export const workerStaleSeconds = 30;
/** How often a worker beats: several beats fit in the stale window, so a slow one is not taken for dead. */
export const workerBeatMs = 5_000;

/**
 * Which replica a worker's process is, and its pid there: a restarted replica knows by them the rows
 * its previous processes left (`replicaWorkers`). The replica is the host name unless an operator names it.
 */
export interface WorkerReplica {
  id: string;
  pid: number;
  /** Where the pid means something (read-pid-scope.ts); undefined off Linux. */
  scope?: string | undefined;
}

/** A worker row of this replica other than ours, with its last heartbeat as the database wrote it. */
export interface ReplicaWorker {
  id: string;
  pid: number;
  pidScope: string | null;
  beat: string;
}

/** Records that the worker lives; the first beat also registers it (with its replica, when known). */
export async function beatWorker(sql: Sql, workerId: string, replica?: WorkerReplica): Promise<void> {
  await sql.query(
    "insert into workers (id, started_at, heartbeat_at, replica, pid, pid_scope) values ($1, now(), now(), $2, $3, $4) on conflict (id) do update set heartbeat_at = now()",
    [workerId, replica?.id ?? null, replica?.pid ?? null, replica?.scope ?? null],
  );
}

/** The other workers registered under `replica` (this replica's earlier processes, gone or alive), or those of `ids`. */
export async function replicaWorkers(sql: Sql, replica: string, workerId: string, ids?: readonly string[]): Promise<ReplicaWorker[]> {
  const rows = await sql.query<{ id: string; pid: number; pid_scope: string | null; beat: string }>(
    `select id, pid, pid_scope, heartbeat_at::text as beat from workers
     where replica = $1 and id <> $2 and pid is not null and ($3::text is null or id = any(string_to_array($3::text, ','))) order by id`,
    [replica, workerId, ids === undefined ? null : ids.join(",")],
  );
  return rows.map((row) => ({ id: row.id, pid: row.pid, pidScope: row.pid_scope, beat: row.beat }));
}

/** A worker that stopped cleanly (its jobs finished or were handed back) leaves no row behind. */
export async function forgetWorker(sql: Sql, workerId: string): Promise<void> {
  await sql.query("delete from workers where id = $1", [workerId]);
}

/**
 * Puts every running job back in the queue and frees its lock key. Only for a database that one
 * process alone can open (embedded PGlite, behind the data folder lock): whatever ran there ran
 * in a process that is gone, so its jobs need not wait out their leases. Returns how many.
 */
export async function releaseRunningJobs(sql: Sql): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    `with changed as (update jobs set status = 'queued', locked_by = null, locked_until = null where status = 'running' returning id),
       released as (delete from job_locks l using changed where l.job_id = changed.id),
       gone as (delete from workers)
     select count(*)::int as n from changed`,
  );
  return rows[0]?.n ?? 0;
}
