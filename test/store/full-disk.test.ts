import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type Worker } from "../../src/scheduler/worker.ts";
import type { WaitError } from "../../src/scheduler/job-errors.ts";
import { enqueueJob } from "../../src/store/jobs.ts";
import { storeJobQueue } from "../../src/app/store-job-queue.ts";
import type { Sql } from "../../src/store/sql.ts";
import { waitingQueue } from "../../src/store/wait-job.ts";
import { isDiskFull, waitOnFullDisk } from "../../src/store/wait-on-full-disk.ts";
import { storeBackends } from "../support/fresh-database.ts";

// Issue 16, faults from outside: a full disk under the database. A job whose write meets one is
// retried with backoff in a clear waiting state (what it waits for, the next try), without
// spending its attempts, instead of failing for good after five quick tries or stalling.

const pgDiskFull = () => Object.assign(new Error('could not extend file "base/16384/16402": No space left on device'), { code: "53100", severity: "ERROR" });
const fsDiskFull = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28 });

describe("isDiskFull", () => {
  it("tells PostgreSQL's disk_full and the file system's ENOSPC from other errors", () => {
    expect(isDiskFull(pgDiskFull())).toBe(true);
    expect(isDiskFull(fsDiskFull())).toBe(true);
    expect(isDiskFull(Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" }))).toBe(false);
    expect(isDiskFull(new Error("connection terminated"))).toBe(false);
  });
});

describe.each(storeBackends)("a full disk during a job on $name", ({ open }) => {
  let sql: Sql;
  let worker: Worker | undefined;
  beforeAll(async () => {
    sql = await open();
  });
  afterAll(async () => {
    await worker?.stop();
    await sql?.close();
  });

  it("puts the job back with backoff and a waiting state, no attempt spent, and runs it once there is room", async () => {
    let now = new Date("2026-12-07T03:00:00Z");
    let room = false;
    // The disk under the database fills up: the job's write fails as the server would fail it.
    const write = "update jobs set last_error = last_error where id = -1";
    const filling: Sql = { ...sql, query: (text, params) => (!room && text === write ? Promise.reject(pgDiskFull()) : sql.query(text, params)) };
    const store = waitOnFullDisk(filling);
    const id = (await enqueueJob(sql, { kind: "record", payload: {}, runAt: now })) ?? 0;
    const waits: { waitingFor: string; reason: string; nextTryAt: Date }[] = [];
    worker = startWorker({
      queue: {
        ...storeJobQueue(sql, 60_000),
        ...waitingQueue(sql, { now: () => now }),
      },
      handlers: { record: async () => void (await store.query(write)) },
      clock: { now: () => now },
      log: { info: () => {}, error: () => {} },
      workerId: "w-1",
      concurrency: 1,
      pollMs: 60_000,
      onWait: (_job, error: WaitError, nextTryAt) => Promise.resolve(void waits.push({ waitingFor: error.waitingFor, reason: error.reason, nextTryAt })),
    });
    const row = async () => (await sql.query<{ status: string; attempts: number; waits: number; run_at: Date; last_error: string | null }>("select status, attempts, waits, run_at, last_error from jobs where id = $1", [id]))[0];

    for (const [wait, delayMs] of [[1, 2_000], [2, 4_000], [3, 8_000]] as const) {
      await worker.whenIdle();
      expect(await row()).toEqual({ status: "queued", attempts: 0, waits: wait, run_at: new Date(now.getTime() + delayMs), last_error: "waiting for disk space for the database: the disk is full" });
      expect(waits.at(-1)).toEqual({ waitingFor: "disk space for the database", reason: "the disk is full", nextTryAt: new Date(now.getTime() + delayMs) });
      now = new Date(now.getTime() + delayMs);
      worker.wake();
    }
    await worker.whenIdle();
    room = true;
    now = new Date(now.getTime() + 16_000);
    worker.wake();
    await worker.whenIdle();
    expect(await row()).toMatchObject({ status: "done", attempts: 1, waits: 4 });
  });
});
