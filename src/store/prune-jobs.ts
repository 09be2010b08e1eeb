import type { Sql } from "./sql.ts";

/** How long finished jobs are kept: done ones a week, failed ones a month (an operator may want to read why). */
export const jobRetention = { doneDays: 7, failedDays: 30 };
const batch = 5_000;

export interface Pruned {
  jobs: number;
  locks: number;
  workers: number;
}

/**
 * Deletes finished jobs past their retention (in batches, so no statement holds many rows at
 * once), lock rows whose job no longer runs (left by code that changed a job's status around the
 * queue), and workers that have not beaten for a day and hold no job. Safe on every replica at once.
 */
export async function pruneJobs(sql: Sql, now: Date): Promise<Pruned> {
  const day = 86_400_000;
  const doneBefore = new Date(now.getTime() - jobRetention.doneDays * day);
  const failedBefore = new Date(now.getTime() - jobRetention.failedDays * day);
  let jobs = 0;
  for (;;) {
    const rows = await sql.query(
      `delete from jobs where id in (
         select id from jobs where (status = 'done' and finished_at < $1) or (status = 'failed' and finished_at < $2) limit ${batch})
       returning id`,
      [doneBefore, failedBefore],
    );
    jobs += rows.length;
    if (rows.length < batch) break;
  }
  const locks = await sql.query("delete from job_locks l where not exists (select 1 from jobs j where j.id = l.job_id and j.status = 'running') returning lock_key");
  const workers = await sql.query(
    "delete from workers w where w.heartbeat_at < now() - interval '1 day' and not exists (select 1 from jobs j where j.status = 'running' and j.locked_by = w.id) returning id",
  );
  return { jobs, locks: locks.length, workers: workers.length };
}
