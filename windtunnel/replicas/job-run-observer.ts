// Watches the shared job queue from inside PostgreSQL, whatever query the replicas claim with:
// a trigger on `jobs` records each run of a job (who claimed it, when, until when its lease
// held, when and how it ended) in `windtunnel_job_runs`, a table the app never reads. The fault
// suite reads it to count jobs run twice at once, jobs of one work item run at once, and jobs
// that waited out a dead replica's lease.
import type { Sql } from "../../src/store/sql.ts";

export interface JobRun {
  jobId: number;
  kind: string;
  lockKey: string | null;
  lockedBy: string | null;
  claimedAt: Date;
  leaseUntil: Date | null;
  endedAt: Date | null;
  /** done, failed, queued (to be retried), taken back (claimed again by another), killed */
  outcome: string | null;
}

export async function installJobRunObserver(sql: Sql): Promise<void> {
  await sql.exec(`
    create table if not exists windtunnel_job_runs (
      id bigserial primary key, job_id bigint not null, kind text not null, lock_key text, locked_by text,
      claimed_at timestamptz not null default clock_timestamp(), lease_until timestamptz, ended_at timestamptz, outcome text);
    create or replace function windtunnel_observe_job() returns trigger language plpgsql as $$
    begin
      if new.status = 'running' and (old.status is distinct from 'running' or old.locked_by is distinct from new.locked_by) then
        update windtunnel_job_runs set ended_at = clock_timestamp(), outcome = 'taken back' where job_id = new.id and ended_at is null;
        insert into windtunnel_job_runs (job_id, kind, lock_key, locked_by, lease_until) values (new.id, new.kind, new.lock_key, new.locked_by, new.locked_until);
      elsif old.status = 'running' and new.status is distinct from 'running' then
        update windtunnel_job_runs set ended_at = clock_timestamp(), outcome = new.status where job_id = new.id and ended_at is null;
      end if;
      return new;
    end $$;
    drop trigger if exists windtunnel_observe_job on jobs;
    create trigger windtunnel_observe_job after update on jobs for each row execute function windtunnel_observe_job();
  `);
}

export async function readJobRuns(sql: Sql): Promise<JobRun[]> {
  const rows = await sql.query<{ job_id: number; kind: string; lock_key: string | null; locked_by: string | null; claimed_at: Date; lease_until: Date | null; ended_at: Date | null; outcome: string | null }>(
    "select job_id, kind, lock_key, locked_by, claimed_at, lease_until, ended_at, outcome from windtunnel_job_runs order by claimed_at, id",
  );
  return rows.map((row) => ({ jobId: Number(row.job_id), kind: row.kind, lockKey: row.lock_key, lockedBy: row.locked_by, claimedAt: row.claimed_at, leaseUntil: row.lease_until, endedAt: row.ended_at, outcome: row.outcome }));
}

export interface JobRunFigures {
  /** Jobs claimed by a second worker while the first, alive, still ran them. */
  runTwiceAtOnce: number[];
  /** Pairs of different jobs of one lock key (a work item) that ran at the same time. */
  lockKeyOverlaps: { lockKey: string; jobs: [number, number] }[];
  /** Jobs a dead process held, and how long after its death another worker took them back (ms). */
  takenBackAfterDeath: { jobId: number; waitedMs: number | undefined }[];
}

/** A replica killed at `at`: its worker ids carry its pid. */
export interface Kill {
  pid: number;
  at: Date;
}

/**
 * Reads the runs for the three figures. A run ends when its row says so or when its holder was
 * killed, whichever is first; a run still open counts as running now.
 */
export function jobRunFigures(runs: readonly JobRun[], kills: readonly Kill[], now: Date): JobRunFigures {
  const killOf = (run: JobRun) => kills.find((kill) => run.lockedBy !== null && new RegExp(`(^|[^0-9])${kill.pid}([^0-9]|$)`).test(run.lockedBy) && kill.at >= run.claimedAt);
  const end = (run: JobRun) => Math.min((run.endedAt ?? now).getTime(), killOf(run)?.at.getTime() ?? Number.POSITIVE_INFINITY);
  const byJob = new Map<number, JobRun[]>();
  for (const run of runs) byJob.set(run.jobId, [...(byJob.get(run.jobId) ?? []), run]);
  const runTwiceAtOnce: number[] = [];
  const takenBackAfterDeath: JobRunFigures["takenBackAfterDeath"] = [];
  for (const [jobId, jobRuns] of byJob) {
    for (const [index, run] of jobRuns.entries()) {
      const later = jobRuns[index + 1];
      const killed = killOf(run);
      // Claimed by another while its holder still ran it.
      if (later && later.claimedAt.getTime() < end(run)) runTwiceAtOnce.push(jobId);
      if (killed && (run.endedAt === null || run.endedAt >= killed.at)) takenBackAfterDeath.push({ jobId, waitedMs: later ? later.claimedAt.getTime() - killed.at.getTime() : undefined });
    }
  }
  const lockKeyOverlaps: JobRunFigures["lockKeyOverlaps"] = [];
  const byKey = new Map<string, JobRun[]>();
  for (const run of runs) if (run.lockKey !== null) byKey.set(run.lockKey, [...(byKey.get(run.lockKey) ?? []), run]);
  for (const [lockKey, keyRuns] of byKey) {
    for (const [index, run] of keyRuns.entries()) {
      for (const other of keyRuns.slice(index + 1)) {
        if (other.jobId !== run.jobId && other.claimedAt.getTime() < end(run) && run.claimedAt.getTime() < end(other)) lockKeyOverlaps.push({ lockKey, jobs: [run.jobId, other.jobId] });
      }
    }
  }
  return { runTwiceAtOnce: [...new Set(runTwiceAtOnce)], lockKeyOverlaps, takenBackAfterDeath };
}
