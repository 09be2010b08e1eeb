import { describe, expect, it } from "vitest";
import { NonRetryableError, startWorker, type JobClaimRef, type QueuedJob } from "../../src/scheduler/index.ts";

// A worker renews the lease of every job it runs, so a long one (an agent's tool loop) is never
// taken back by another worker while it still works, and stops renewing once the job ends.
describe("startWorker", () => {
  it("renews a running job's lease until the job ends", async () => {
    const jobs: QueuedJob[] = [{ id: 7, kind: "long", payload: {}, attempts: 1, maxAttempts: 3 }];
    const renewed: [number, string][] = [];
    const finished: number[] = [];
    let release: () => void = () => {};
    const running = new Promise<void>((resolve) => (release = resolve));
    const worker = startWorker({
      queue: {
        claim: () => Promise.resolve(jobs.shift()),
        complete: (job) => Promise.resolve(void finished.push(job.id)),
        fail: () => Promise.resolve(),
        renew: (job, workerId) => Promise.resolve(void renewed.push([job.id, workerId])),
      },
      handlers: { long: () => running },
      clock: { now: () => new Date("2026-11-21T12:00:00Z") },
      log: { info: () => {}, error: () => {} },
      workerId: "w-1",
      concurrency: 1,
      pollMs: 60_000,
      renewEveryMs: 5,
    });
    // However busy the machine, the job runs until at least two renewals happened.
    await expect.poll(() => renewed.length, { timeout: 5_000, interval: 5 }).toBeGreaterThanOrEqual(2);
    expect(renewed[0]).toEqual([7, "w-1"]);
    release();
    await worker.whenIdle();
    expect(finished).toEqual([7]);
    const afterwards = renewed.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(renewed.length).toBe(afterwards);
    await worker.stop();
  });

  it("reports a job that fails for good before it counts as finished, and does not retry a non-retryable error", async () => {
    const jobs: QueuedJob[] = [{ id: 8, kind: "refused", payload: {}, attempts: 1, maxAttempts: 5 }];
    const failed: [number, Date | null][] = [];
    const reported: string[] = [];
    const worker = startWorker({
      queue: { claim: () => Promise.resolve(jobs.shift()), complete: () => Promise.resolve(), fail: (job, _workerId, { retryAt }) => Promise.resolve(void failed.push([job.id, retryAt])) },
      handlers: { refused: () => Promise.reject(new NonRetryableError("GitHub refused the issue's `title`")) },
      clock: { now: () => new Date("2026-11-21T12:00:00Z") },
      log: { info: () => {}, error: () => {} },
      workerId: "w-1",
      concurrency: 1,
      pollMs: 60_000,
      onGaveUp: async (job, error) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        reported.push(`${job.id}: ${error instanceof Error ? error.message : "?"}`);
      },
    });
    await worker.whenIdle();
    expect(failed).toEqual([[8, null]]);
    expect(reported).toEqual(["8: GitHub refused the issue's `title`"]);
    await worker.stop();
  });

  it("neither gives up nor reports a job that was claimed again by another worker meanwhile", async () => {
    const jobs: QueuedJob[] = [{ id: 9, kind: "refused", payload: {}, attempts: 1, maxAttempts: 5 }];
    const reported: number[] = [];
    const logged: string[] = [];
    const worker = startWorker({
      // The queue says the claim is no longer this worker's (its lease ran out, someone claimed it).
      queue: { claim: () => Promise.resolve(jobs.shift()), complete: () => Promise.resolve(false), fail: () => Promise.resolve(false) },
      handlers: { refused: () => Promise.reject(new NonRetryableError("no")) },
      clock: { now: () => new Date("2026-11-21T12:00:00Z") },
      log: { info: () => {}, error: (_fields, message) => void logged.push(message) },
      workerId: "w-1",
      concurrency: 1,
      pollMs: 60_000,
      onGaveUp: (job) => Promise.resolve(void reported.push(job.id)),
    });
    await worker.whenIdle();
    await worker.stop();
    expect(logged).toContain("job refused failed");
    expect(reported).toEqual([]);
  });

  it("reports idle to a waiter that arrives while a poll is looking at the queue", async () => {
    // Claims answer at once except the one a poll makes while the test waits: it answers when told.
    let claims = 0;
    let answerSlowClaim: (job: undefined) => void = () => {};
    let slowClaimStarted: () => void = () => {};
    const slowClaim = new Promise<void>((resolve) => (slowClaimStarted = resolve));
    let holdNextClaim = false;
    const worker = startWorker({
      queue: {
        claim: () => {
          claims += 1;
          if (!holdNextClaim) return Promise.resolve(undefined);
          holdNextClaim = false;
          slowClaimStarted();
          return new Promise((resolve) => (answerSlowClaim = resolve));
        },
        complete: () => Promise.resolve(),
        fail: () => Promise.resolve(),
      },
      handlers: {},
      clock: { now: () => new Date("2026-11-21T12:00:00Z") },
      log: { info: () => {}, error: () => {} },
      workerId: "w-1",
      concurrency: 1,
      pollMs: 5,
    });
    await worker.whenIdle();
    holdNextClaim = true;
    await slowClaim;
    let idle = false;
    void worker.whenIdle().then(() => (idle = true));
    const before = claims;
    answerSlowClaim(undefined);
    // The next poll's claim means the slow look has ended: by then the waiter has heard.
    await expect.poll(() => claims, { timeout: 5_000, interval: 5 }).toBeGreaterThan(before);
    expect(idle).toBe(true);
    await worker.stop();
  });
});

describe("startWorker's stop", () => {
  it("hands back, without running it, a job whose claim was in flight when stop() began", async () => {
    let answerClaim: (job: QueuedJob) => void = () => {};
    let claimStarted: () => void = () => {};
    const claiming = new Promise<void>((resolve) => (claimStarted = resolve));
    const ran: number[] = [];
    const handedBack: [string, readonly JobClaimRef[] | undefined][] = [];
    const worker = startWorker({
      queue: {
        claim: () => {
          claimStarted();
          return new Promise((resolve) => (answerClaim = resolve));
        },
        complete: () => Promise.resolve(),
        fail: () => Promise.resolve(),
        handBack: (workerId, ids) => Promise.resolve(void handedBack.push([workerId, ids])),
      },
      handlers: { work: (job) => Promise.resolve(void ran.push(job.id)) },
      clock: { now: () => new Date("2026-11-21T12:00:00Z") },
      log: { info: () => {}, error: () => {} },
      workerId: "w-1",
      concurrency: 1,
      pollMs: 60_000,
    });
    await claiming;
    const stopping = worker.stop({ graceMs: 1_000 });
    answerClaim({ id: 11, kind: "work", payload: {}, attempts: 1, maxAttempts: 3 });
    await stopping;
    expect(ran).toEqual([]);
    expect(handedBack).toEqual([["w-1", [{ id: 11, attempts: 1 }]]]);
  });
});
