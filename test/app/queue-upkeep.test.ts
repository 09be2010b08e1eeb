import { describe, expect, it } from "vitest";
import { startQueueUpkeep } from "../../src/app/start-queue-upkeep.ts";
import { claimJob, enqueueJob, openStore } from "../../src/store/index.ts";

// What a process does for the queue when it starts on embedded PGlite (issue 16): the jobs the
// previous process left running go back to the queue, finished jobs past their retention are
// pruned, and the worker's heartbeat is recorded (and removed when it stops cleanly).
describe("the queue's upkeep at start-up", () => {
  it("takes back jobs left running, prunes old finished jobs and records the worker while it runs", async () => {
    const sql = await openStore({});
    const now = new Date("2026-12-07T12:00:00Z");
    try {
      await enqueueJob(sql, { kind: "old", payload: {}, runAt: new Date("2026-11-01T00:00:00Z") });
      await sql.query("update jobs set status = 'done', finished_at = '2026-11-01T00:01:00Z' where kind = 'old'");
      await enqueueJob(sql, { kind: "left", payload: {}, lockKey: "item:1", runAt: now });
      await claimJob(sql, "previous-process", now, 600_000);
      const logged: string[] = [];
      const upkeep = await startQueueUpkeep(sql, { workerId: "this-process", log: { info: (_fields, message) => void logged.push(message), error: () => {} }, clock: { now: () => now } });
      expect(await sql.query("select id from workers")).toEqual([{ id: "this-process" }]);
      expect(await claimJob(sql, "this-process", now, 600_000)).toMatchObject({ kind: "left", attempts: 2 });
      await upkeep.stop();
      expect((await sql.query<{ kind: string }>("select kind from jobs")).map((row) => row.kind)).toEqual(["left"]);
      expect(await sql.query("select id from workers")).toEqual([]);
      expect(logged).toEqual(["took back the jobs a stopped process left running", "pruned finished jobs past their retention"]);
    } finally {
      await sql.close();
    }
  });
});
