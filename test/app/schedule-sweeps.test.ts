import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodRound, queueSweepRound, scheduleSweeps } from "../../src/app/schedule-sweeps.ts";
import { recordInstallationState } from "../../src/store/installations.ts";
import type { Sql } from "../../src/store/index.ts";
import { storeBackends } from "../support/fresh-database.ts";

const t0 = new Date("2026-12-07T03:00:00Z");
const clock = { now: () => t0 };
const log = pino({ level: "silent" });

async function sweepJobs(sql: Sql): Promise<{ installationId: number; round: string; key: string }[]> {
  const rows = await sql.query<{ payload: { installationId: number; round: string }; dedupe_key: string }>("select payload, dedupe_key from jobs where kind = 'reconcile' order by id");
  return rows.map((row) => ({ installationId: row.payload.installationId, round: row.payload.round, key: row.dedupe_key }));
}

describe("periodRound", () => {
  it("names one round per period, the same for every replica within it", () => {
    expect(periodRound(new Date("2026-12-07T03:00:00Z"), 5)).toBe(periodRound(new Date("2026-12-07T03:04:59Z"), 5));
    expect(periodRound(new Date("2026-12-07T03:05:00Z"), 5)).not.toBe(periodRound(new Date("2026-12-07T03:04:59Z"), 5));
  });
});

describe.each(storeBackends)("scheduling sweeps on $name", ({ open }) => {
  let sql: Sql;

  beforeAll(async () => {
    sql = await open();
    await recordInstallationState(sql, 2, "suspended", t0);
  });
  afterAll(async () => {
    await sql.close();
  });

  it("queues a start-up round for each active installation, and none when the sweep is off", async () => {
    const off = scheduleSweeps({ sql, clock, log, minutes: 0, installations: () => Promise.resolve([1, 2, 3]), wake: () => undefined });
    await off.started;
    expect(await sweepJobs(sql)).toEqual([]);
    let woken = 0;
    const on = scheduleSweeps({ sql, clock, log, minutes: 5, installations: () => Promise.resolve([1, 2, 3]), wake: () => void (woken += 1) });
    await on.started;
    on.stop();
    const jobs = await sweepJobs(sql);
    // Installation 2 is suspended: no round for it.
    expect(jobs.map((job) => job.installationId)).toEqual([1, 3]);
    expect(jobs.every((job) => job.round.startsWith("start-") && job.key === `sweep:${job.installationId}:${job.round}`)).toBe(true);
    expect(woken).toBe(1);
  });

  it("queues one job per installation and round, however many replicas queue it", async () => {
    await sql.query("delete from jobs");
    const round = periodRound(t0, 5);
    const replica = { sql, clock, installations: () => Promise.resolve([1, 3]), wake: () => undefined };
    await Promise.all([queueSweepRound(replica, round), queueSweepRound(replica, round), queueSweepRound(replica, round)]);
    expect(await sweepJobs(sql)).toEqual([
      { installationId: 1, round, key: `sweep:1:${round}` },
      { installationId: 3, round, key: `sweep:3:${round}` },
    ]);
  });

  it("logs a round it cannot queue (GitHub did not list the installations) instead of failing start-up", async () => {
    const lines: string[] = [];
    const logged = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    const schedule = scheduleSweeps({ sql, clock, log: logged, minutes: 5, installations: () => Promise.reject(new Error("GitHub is down")), wake: () => undefined });
    await schedule.started;
    schedule.stop();
    expect(lines.some((line) => line.includes("could not queue a round"))).toBe(true);
  });
});
