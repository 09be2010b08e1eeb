import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore, type Sql } from "../../src/store/index.ts";
import { startWindTunnel } from "../../windtunnel/index.ts";

// A restart takes back its own dead jobs at once (issue 16, point 3): a job left running by a
// process that died is run again within seconds of the next start, not after its 10-minute lease;
// and on a shared database a replica whose heartbeat stopped loses its jobs to the live ones.

/** A create_labels job as a worker that has since died left it: running, its lease 10 minutes ahead. */
async function leaveRunning(sql: Sql, workerId: string): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `insert into jobs (kind, payload, status, run_at, attempts, locked_by, locked_until, created_at)
     values ('create_labels', $1, 'running', now(), 1, $2, now() + interval '10 minutes', now()) returning id`,
    [{ installationId: 777, owner: "acme", repo: "rocket" }, workerId],
  );
  if (!row) throw new Error("no job row");
  return row.id;
}

const claimOf = async (sql: Sql, id: number) => (await sql.query<{ attempts: number; locked_by: string | null }>("select attempts, locked_by from jobs where id = $1", [id]))[0];

describe("a restart and the jobs left running", () => {
  it("runs at once, after a restart on the same PGlite data folder, the job the killed process left running", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "pitwall-restart-")), "data");
    const before = await openStore({ dataDir });
    const id = await leaveRunning(before, "pitwall-killed");
    await before.close();
    const tunnel = await startWindTunnel({ dataDir, postgresServerUrl: undefined });
    try {
      await expect.poll(() => claimOf(tunnel.pitwall.sql, id), { timeout: 10_000, interval: 50 }).toMatchObject({ attempts: 2 });
      expect((await claimOf(tunnel.pitwall.sql, id))?.locked_by).not.toBe("pitwall-killed");
    } finally {
      await tunnel.close();
    }
  });

  it("takes back the jobs of a replica whose heartbeat stopped, and leaves a live replica's alone", async () => {
    const tunnel = await startWindTunnel();
    try {
      const { sql } = tunnel.pitwall;
      await sql.query("insert into workers (id, started_at, heartbeat_at) values ('replica-dead', now(), now() - interval '1 minute'), ('replica-live', now(), now())");
      const dead = await leaveRunning(sql, "replica-dead");
      const live = await leaveRunning(sql, "replica-live");
      tunnel.pitwall.worker.wake();
      await expect.poll(() => claimOf(sql, dead), { timeout: 10_000, interval: 50 }).toMatchObject({ attempts: 2 });
      // The worker has looked at the queue since and found nothing more to run.
      tunnel.pitwall.worker.wake();
      await tunnel.pitwall.worker.whenIdle();
      expect(await claimOf(sql, live)).toEqual({ attempts: 1, locked_by: "replica-live" });
    } finally {
      await tunnel.close();
    }
  });
});
