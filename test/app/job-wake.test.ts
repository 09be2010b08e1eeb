import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueueUpkeep, type QueueUpkeep } from "../../src/app/start-queue-upkeep.ts";
import { storeJobQueue } from "../../src/app/store-job-queue.ts";
import { startWorker, type Worker } from "../../src/scheduler/worker.ts";
import { createScratchDatabase, type ScratchDatabase } from "../../src/store/create-scratch-database.ts";
import { claimJob, completeJob, enqueueJob, openStore, type Sql } from "../../src/store/index.ts";

// Replicas on one PostgreSQL wake each other (issue 16): a job queued through one process runs on
// an idle worker of another at once, not at its next poll (a minute here, so only a wake-up can
// have run it within the test's wait).
const serverUrl = process.env.PITWALL_TEST_DATABASE_URL;
const silent = { info: () => {}, error: () => {} };

describe.runIf(serverUrl)("waking replicas on PostgreSQL", () => {
  let database: ScratchDatabase;
  let here: Sql;
  let there: Sql;
  let upkeep: QueueUpkeep;
  let worker: Worker;
  const ran: string[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase(serverUrl ?? "", "pitwall_test");
    here = await openStore({ databaseUrl: database.url });
    there = await openStore({ databaseUrl: database.url });
    upkeep = await startQueueUpkeep(here, "replica-here", silent);
    worker = startWorker({
      queue: storeJobQueue(here, 60_000),
      handlers: { wake: (job) => Promise.resolve(void ran.push(String(job.payload.name))) },
      clock: { now: () => new Date() },
      log: silent,
      workerId: "replica-here",
      concurrency: 1,
      pollMs: 60_000,
    });
    await upkeep.listen(() => worker.wake());
    await worker.whenIdle();
  });
  afterAll(async () => {
    await worker?.stop();
    await upkeep?.stop();
    await here?.close();
    await there?.close();
    await database?.drop();
  });

  it("runs a job queued by another process at once", async () => {
    await enqueueJob(there, { kind: "wake", payload: { name: "queued elsewhere" }, runAt: new Date() });
    await expect.poll(() => ran, { timeout: 10_000, interval: 20 }).toContain("queued elsewhere");
  });

  it("runs a work item's next job at once when another process finishes the one before it", async () => {
    // Queued and claimed in one transaction: the worker here never sees it queued.
    const held = await there.transaction(async (tx) => {
      await enqueueJob(tx, { kind: "elsewhere", payload: {}, lockKey: "item:1", runAt: new Date(Date.now() - 1_000) });
      return claimJob(tx, "replica-there", new Date(), 60_000);
    });
    expect(held?.kind).toBe("elsewhere");
    await enqueueJob(there, { kind: "wake", payload: { name: "after the lock" }, lockKey: "item:1", runAt: new Date() });
    await worker.whenIdle();
    expect(ran).not.toContain("after the lock");
    await completeJob(there, held!, "replica-there", new Date());
    await expect.poll(() => ran, { timeout: 10_000, interval: 20 }).toContain("after the lock");
  });

  it("listens again after its connection was dropped", async () => {
    const listeners = () => there.query<{ pid: number }>("select pid from pg_stat_activity where application_name = 'pitwall-listener' and datname = current_database()");
    const [before] = await listeners();
    expect(before).toBeDefined();
    await there.query("select pg_terminate_backend($1)", [before!.pid]);
    await expect.poll(async () => (await listeners()).some((row) => row.pid !== before!.pid), { timeout: 10_000, interval: 50 }).toBe(true);
    await enqueueJob(there, { kind: "wake", payload: { name: "after a reconnect" }, runAt: new Date() });
    await expect.poll(() => ran, { timeout: 10_000, interval: 20 }).toContain("after a reconnect");
  });
});
