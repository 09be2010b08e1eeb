import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replicaRepo, seedReplicaRepo, startReplicas, type Replicas, type SeededRepo } from "../../windtunnel/index.ts";

// Issue 16 point 3 on PostgreSQL: a replica killed in the middle of a job and started again runs
// that job again at once, as on PGlite, instead of waiting for its old heartbeat to go 30 s stale
// (or its 10-minute lease to run out). The old worker's heartbeat is made to look fresh for an
// hour, so only the restart's own take-back can explain the job running again.

const server = process.env.PITWALL_TEST_DATABASE_URL;

describe.runIf(server)("a replica restarted on PostgreSQL", () => {
  let tunnel: Replicas;
  let seeded: SeededRepo;

  beforeAll(async () => {
    tunnel = await startReplicas({ count: 1, postgresServerUrl: server ?? "" });
    seeded = seedReplicaRepo(tunnel.github, tunnel.installationId);
  }, 120_000);
  afterAll(async () => {
    seeded?.stop();
    await tunnel?.close();
  }, 60_000);

  it("runs at once the job its killed process left running", async () => {
    // Every model call hangs: the job is running when the replica is killed.
    for (const vendor of [tunnel.anthropic, tunnel.openai]) vendor.setResponder(() => ({ until: new Promise(() => undefined) }));
    const calls = () => tunnel.anthropic.requests.length + tunnel.openai.requests.length;
    const issue = tunnel.github.createIssue(replicaRepo, { title: "Launch crashes on empty config", body: "Starting with an empty config file crashes.", author: "alice" });
    tunnel.github.addLabel(replicaRepo, issue.number, "pitwall:bug", { by: "alice" });
    await expect.poll(calls, { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
    const [running] = await tunnel.sql.query<{ id: number; locked_by: string }>("select id, locked_by from jobs where status = 'running' and kind = 'run_pass'");
    expect(running).toBeDefined();

    await tunnel.kill(0);
    await tunnel.sql.query("update workers set heartbeat_at = now() + interval '1 hour' where id = $1", [running!.locked_by]);
    const before = calls();
    await tunnel.restart(0);
    await expect.poll(calls, { timeout: 20_000, interval: 100 }).toBeGreaterThan(before);
    const [again] = await tunnel.sql.query<{ status: string; locked_by: string; attempts: number }>("select status, locked_by, attempts from jobs where id = $1", [running!.id]);
    // Its attempt refunded: the kill was no failure of the job.
    expect(again).toMatchObject({ status: "running", attempts: 1 });
    expect(again?.locked_by).not.toBe(running!.locked_by);
    expect(await tunnel.sql.query("select 1 from workers where id = $1", [running!.locked_by])).toEqual([]);
  }, 180_000);
});
