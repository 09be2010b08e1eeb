import type { JobQueue } from "../scheduler/worker.ts";
import { claimJob, completeJob, failJob, renewLease } from "../store/jobs.ts";
import type { Sql } from "../store/sql.ts";

/** The worker's queue over the store: claims hold a lease of `leaseMs`, renewed while the job runs. */
export function storeJobQueue(sql: Sql, leaseMs: number): JobQueue {
  return {
    claim: (workerId, now) => claimJob(sql, workerId, now, leaseMs),
    complete: (job, workerId, now) => completeJob(sql, job, workerId, now),
    fail: (job, workerId, failure, now) => failJob(sql, job, workerId, failure, now),
    renew: (job, workerId, now) => renewLease(sql, job, workerId, new Date(now.getTime() + leaseMs)),
  };
}
