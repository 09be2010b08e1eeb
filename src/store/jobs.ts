import type { NewJob } from "../scheduler/new-job.ts";
import type { Sql } from "./sql.ts";
import { workerStaleSeconds } from "./workers.ts";

export interface JobRecord {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  lockKey: string | null;
  attempts: number;
  maxAttempts: number;
}

interface JobRow {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  lock_key: string | null;
  attempts: number;
  max_attempts: number;
}

const toJob = (row: JobRow): JobRecord => ({
  id: row.id,
  kind: row.kind,
  payload: row.payload,
  lockKey: row.lock_key,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
});

/** Returns the job id, or undefined when a job with the same dedupe key exists. */
export async function enqueueJob(sql: Sql, job: NewJob): Promise<number | undefined> {
  const rows = await sql.query<{ id: number }>(
    `insert into jobs (kind, payload, dedupe_key, lock_key, priority, run_at, max_attempts, created_at, fair_key, turn)
     values ($1, $2, $3, $4, $5, $6, $7, $6, $8::text,
       case when $8::text is null then 0 else (select count(*)::int from jobs where fair_key = $8::text and status in ('queued', 'running')) end)
     on conflict (dedupe_key) do nothing returning id`,
    [job.kind, job.payload, job.dedupeKey ?? null, job.lockKey ?? null, job.priority ?? 0, job.runAt, job.maxAttempts ?? 5, job.fairKey ?? null],
  );
  return rows[0]?.id;
}

/** A running job `j` whose lease ended, or whose worker (not `workerId`) stopped its heartbeat: its worker died. */
const abandoned = (workerId: string, now: string) => `(j.locked_until < ${now} or (j.locked_by <> ${workerId} and exists (
  select 1 from workers w where w.id = j.locked_by and w.heartbeat_at < now() - make_interval(secs => ${workerStaleSeconds}))))`;

// The candidate is locked first (SKIP LOCKED: claims in parallel take different jobs), then its
// lock key's row in job_locks: a second claimant of one key waits on the primary key for the
// first to commit and then finds the key held by another job, so it claims nothing this time.
// A lock row whose job is not running holds nothing (an older version left it, or a crash between
// versions): the claim takes it over. `stale` locks that row and its job (FOR UPDATE re-reads both
// at their newest), so a holder that became running meanwhile, or a row another claim took
// over meanwhile, is never seen as stale from this statement's older snapshot.
const claimStatement = `
  with candidate as (
    select j.id, j.lock_key from jobs j
    where ((j.status = 'queued' and j.run_at <= $3) or (j.status = 'running' and j.attempts < j.max_attempts and ${abandoned("$1", "$3")}))
      and (j.lock_key is null or not exists (
        select 1 from job_locks l join jobs h on h.id = l.job_id where l.lock_key = j.lock_key and l.job_id <> j.id and h.status = 'running'))
    order by j.priority desc, j.turn, j.run_at, j.id
    limit 1
    for update of j skip locked
  ), stale as (
    select l.job_id from job_locks l join jobs h on h.id = l.job_id
    where l.lock_key = (select lock_key from candidate) and h.status <> 'running'
    for update of l, h
  ), held as (
    insert into job_locks (lock_key, job_id) select lock_key, id from candidate where lock_key is not null
    on conflict (lock_key) do update set job_id = excluded.job_id
      where job_locks.job_id = excluded.job_id or job_locks.job_id in (select job_id from stale)
    returning job_id
  ), claimed as (
    update jobs set status = 'running', attempts = attempts + 1, locked_by = $1, locked_until = $2
    from candidate where jobs.id = candidate.id and (candidate.lock_key is null or exists (select 1 from held))
    returning jobs.id, jobs.kind, jobs.payload, jobs.lock_key, jobs.attempts, jobs.max_attempts
  )
  select candidate.id as candidate_id, claimed.* from candidate left join claimed on claimed.id = candidate.id`;

/** How often one claim tries again after another process took the lock key of its candidate. */
const claimTries = 10;

/**
 * Claims the most urgent runnable job: queued and due, or running with an expired lease or
 * under another worker whose heartbeat went stale (its worker died; see workers.ts) with attempts left (none left: failed). Skips jobs whose lock key another job holds (job_locks). Within a priority, lower
 * turns go first (see `fairKey`), then the oldest.
 */
export async function claimJob(sql: Sql, workerId: string, now: Date, leaseMs: number): Promise<JobRecord | undefined> {
  await sql.query(giveUpAbandoned, [workerId, now]);
  for (let attempt = 0; attempt < claimTries; attempt += 1) {
    const [row] = await sql.query<Partial<JobRow> & { candidate_id: number }>(claimStatement, [workerId, new Date(now.getTime() + leaseMs), now]);
    if (!row) return undefined;
    if (row.id !== undefined && row.id !== null) return toJob(row as JobRow);
  }
  return undefined;
}

/**
 * The claim a worker holds: the job and its attempt count, which every claim raises. It is the
 * fencing token: a worker whose lease ran out and whose job was claimed again (by another process,
 * or by itself) no longer matches, so it can neither renew, complete nor fail the new claim.
 */
export interface JobClaim {
  id: number;
  attempts: number;
}

const heldBy = "id = $1 and attempts = $2 and locked_by = $3 and status = 'running'";

/**
 * Extends the lease of a job this worker still holds, so a long pass (an agent's tool loop) is
 * not taken back and run a second time while it works. False when the claim is no longer this worker's.
 */
export async function renewLease(sql: Sql, job: JobClaim, workerId: string, until: Date): Promise<boolean> {
  const rows = await sql.query(`update jobs set locked_until = $4 where ${heldBy} returning id`, [job.id, job.attempts, workerId, until]);
  return rows.length > 0;
}

/** Frees the lock key of the `changed` job (a CTE of its id and lock_key), so the next job of its work item may run. */
export const releaseLock = "released as (delete from job_locks l using changed where l.lock_key = changed.lock_key and l.job_id = changed.id)";

/**
 * A job abandoned on its last attempt is failed, not taken back: a job that kills its process
 * (out of memory) would otherwise be retaken forever. Its lock key is freed for the next job.
 */
const giveUpAbandoned = `
  with changed as (
    update jobs j set status = 'failed', finished_at = $2, locked_by = null, locked_until = null,
      last_error = 'its worker died (or lost its lease) while running it, on its last attempt (' || j.attempts || ' of ' || j.max_attempts || ')'
    where j.status = 'running' and j.attempts >= j.max_attempts and ${abandoned("$1", "$2")}
    returning j.id, j.lock_key
  ), ${releaseLock}
  select id from changed`;

/** Marks the job done; false (and nothing changed) when the claim is no longer this worker's. */
export async function completeJob(sql: Sql, job: JobClaim, workerId: string, now: Date): Promise<boolean> {
  const rows = await sql.query(
    `with changed as (update jobs set status = 'done', finished_at = $4, locked_by = null, locked_until = null where ${heldBy} returning id, lock_key), ${releaseLock}
     select id from changed`,
    [job.id, job.attempts, workerId, now],
  );
  return rows.length > 0;
}

/**
 * Puts the job back with a delay, or marks it failed when it has no attempts left. False (and
 * nothing changed) when the claim is no longer this worker's.
 */
export async function failJob(sql: Sql, job: JobClaim, workerId: string, failure: { error: string; retryAt: Date | null }, now: Date): Promise<boolean> {
  const rows = await sql.query(
    `with changed as (update jobs set status = case when $5::timestamptz is null or attempts >= max_attempts then 'failed' else 'queued' end,
       run_at = coalesce($5::timestamptz, run_at), last_error = $4, locked_by = null, locked_until = null,
       finished_at = case when $5::timestamptz is null or attempts >= max_attempts then $6::timestamptz else null end
     where ${heldBy} returning id, lock_key), ${releaseLock}
     select id from changed`,
    [job.id, job.attempts, workerId, failure.error, failure.retryAt, now],
  );
  return rows.length > 0;
}

/** When the next queued job becomes due, or undefined if none is queued. */
export async function nextJobDue(sql: Sql): Promise<Date | undefined> {
  const rows = await sql.query<{ run_at: Date | null }>("select min(run_at) as run_at from jobs where status = 'queued'");
  return rows[0]?.run_at ?? undefined;
}

/** Jobs running, or queued and due by `dueBy` (a job scheduled for later is not work to do now). */
export async function countUnfinishedJobs(sql: Sql, dueBy?: Date): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    "select count(*)::int as n from jobs where status = 'running' or (status = 'queued' and ($1::timestamptz is null or run_at <= $1))",
    [dueBy ?? null],
  );
  return rows[0]?.n ?? 0;
}
