import type { Clock } from "../domain/clock.ts";
import type { JobQueue } from "../scheduler/worker.ts";
import { releaseLock, type JobClaim } from "./jobs.ts";
import type { Sql } from "./sql.ts";

/** The queue's part in waiting for the outside and in a stop's hand-back (`JobQueue`), over `sql`. */
export function waitingQueue(sql: Sql, clock: Clock): Required<Pick<JobQueue, "waits" | "defer" | "handBack">> {
  return {
    waits: (id) => readJobWaits(sql, id),
    defer: (job, workerId, error, runAt) => deferJob(sql, job, workerId, error, runAt),
    handBack: async (workerId, claims) => void (await handBackJobs(sql, workerId, clock.now(), claims)),
  };
}

/** How many times the job has waited for the outside so far. */
export async function readJobWaits(sql: Sql, id: number): Promise<number> {
  const rows = await sql.query<{ waits: number }>("select waits from jobs where id = $1", [id]);
  return rows[0]?.waits ?? 0;
}

/**
 * Queues a running job again for `runAt` without spending the attempt it was claimed with (it
 * waited for the outside, it did not fail); the wait counts against `waits` instead. Only under
 * this claim (jobs.ts `JobClaim`): a job taken back meanwhile belongs to its new worker. Like a
 * retry, it waits without its lock key, so a /cancel of its work item is not held up by the wait.
 */
export async function deferJob(sql: Sql, job: JobClaim, workerId: string, error: string, runAt: Date): Promise<boolean> {
  const rows = await sql.query(
    `with changed as (update jobs set status = 'queued', run_at = $5, attempts = greatest(attempts - 1, 0), waits = waits + 1,
       last_error = $4, locked_by = null, locked_until = null
     where id = $1 and attempts = $2 and locked_by = $3 and status = 'running' returning id, lock_key),
     ${releaseLock}
     select id from changed`,
    [job.id, job.attempts, workerId, error, runAt],
  );
  return rows.length > 0;
}

/**
 * Gives running jobs of a stopping worker back to the queue, due at once and with their attempt
 * refunded, so another replica (or the next start) takes them without waiting out their lease.
 * `claims` undefined: all of the worker's jobs; else only under those claims (jobs.ts `JobClaim`),
 * so a job taken back meanwhile and claimed again, even by this worker, stays with its new claim.
 */
export async function handBackJobs(sql: Sql, workerId: string, now: Date, claims?: readonly JobClaim[]): Promise<number> {
  const rows = await sql.query(
    `with changed as (update jobs set status = 'queued', run_at = $2, attempts = greatest(attempts - 1, 0), locked_by = null, locked_until = null
       where locked_by = $1 and status = 'running'
         and ($3::bigint[] is null or (id, attempts) in (select * from unnest($3::bigint[], $4::int[]))) returning id, lock_key),
     ${releaseLock}
     select id from changed`,
    [workerId, now, claims === undefined ? null : `{${claims.map((claim) => claim.id).join(",")}}`, claims === undefined ? null : `{${claims.map((claim) => claim.attempts).join(",")}}`],
  );
  return rows.length;
}
