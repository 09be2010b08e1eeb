import type { NewJob } from "../scheduler/new-job.ts";
import type { Sql } from "./sql.ts";

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

/**
 * Claims the most urgent runnable job: queued and due, or running with an expired lease (its
 * worker died). Skips jobs whose lock key another live job holds. Within a priority, lower turns
 * go first (see `fairKey`), then the oldest.
 */
export async function claimJob(sql: Sql, workerId: string, now: Date, leaseMs: number): Promise<JobRecord | undefined> {
  const rows = await sql.query<JobRow>(
    `update jobs set status = 'running', attempts = attempts + 1, locked_by = $1, locked_until = $2
     where id = (
       select j.id from jobs j
       where ((j.status = 'queued' and j.run_at <= $3) or (j.status = 'running' and j.locked_until < $3))
         and (j.lock_key is null or not exists (
           select 1 from jobs r where r.lock_key = j.lock_key and r.id <> j.id and r.status = 'running' and r.locked_until >= $3))
       order by j.priority desc, j.turn, j.run_at, j.id
       limit 1
       for update skip locked)
     returning id, kind, payload, lock_key, attempts, max_attempts`,
    [workerId, new Date(now.getTime() + leaseMs), now],
  );
  return rows[0] ? toJob(rows[0]) : undefined;
}

/**
 * Extends the lease of a job this worker still runs, so a long pass (an agent's tool loop) is not
 * taken back and run a second time while it works. False when the job is no longer this worker's.
 */
export async function renewLease(sql: Sql, id: number, workerId: string, until: Date): Promise<boolean> {
  const rows = await sql.query("update jobs set locked_until = $3 where id = $1 and locked_by = $2 and status = 'running' returning id", [id, workerId, until]);
  return rows.length > 0;
}

export async function completeJob(sql: Sql, id: number, now: Date): Promise<void> {
  await sql.query("update jobs set status = 'done', finished_at = $2, locked_by = null, locked_until = null where id = $1", [id, now]);
}

/** Puts the job back with a delay, or marks it failed when it has no attempts left. */
export async function failJob(sql: Sql, id: number, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await sql.query(
    `update jobs set status = case when $3::timestamptz is null or attempts >= max_attempts then 'failed' else 'queued' end,
       run_at = coalesce($3::timestamptz, run_at), last_error = $2, locked_by = null, locked_until = null,
       finished_at = case when $3::timestamptz is null or attempts >= max_attempts then $4::timestamptz else null end
     where id = $1`,
    [id, error, retryAt, now],
  );
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
