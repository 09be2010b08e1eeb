import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replicaRepo, seedReplicaRepo, startReplicas, type Replicas, type SeededRepo } from "../../windtunnel/index.ts";

// Issue 16 point 1: two Pitwall processes share one PostgreSQL database behind a round-robin
// load balancer; a work item runs to its first gate whichever replica each webhook lands on.

const server = process.env.PITWALL_TEST_DATABASE_URL;

describe.runIf(server)("two replicas on one PostgreSQL database", () => {
  let tunnel: Replicas;
  let seeded: SeededRepo;

  beforeAll(async () => {
    tunnel = await startReplicas({ count: 2, postgresServerUrl: server ?? "" });
    seeded = seedReplicaRepo(tunnel.github, tunnel.installationId);
  }, 120_000);
  afterAll(async () => {
    seeded?.stop();
    await tunnel?.close();
  }, 60_000);

  it("runs a work item to its first gate with webhooks landing on either replica", async () => {
    const issue = tunnel.github.createIssue(replicaRepo, { title: "Launch crashes on empty config", body: "Starting with an empty config file crashes.", author: "alice" });
    tunnel.github.addLabel(replicaRepo, issue.number, "pitwall:bug", { by: "alice" });
    await tunnel.settle({ timeoutMs: 90_000 });

    const [item] = await tunnel.sql.query<{ state: string; current_pass: string | null }>("select state, current_pass from work_items where issue_number = $1", [issue.number]);
    expect(item).toEqual({ state: "awaiting_gate", current_pass: "diagnose" });
    const pulls = [...tunnel.github.state.pulls.values()].filter((pull) => pull.headRef === `pitwall/${issue.number}/diagnose`);
    expect(pulls.map((pull) => tunnel.github.state.issues.get(pull.issueId)?.state)).toEqual(["open"]);
    // Both replicas took webhooks, and every one was answered.
    expect(new Set(tunnel.balancer.answered.map((delivery) => delivery.replica))).toEqual(new Set([0, 1]));
    expect(tunnel.balancer.answered.filter((delivery) => delivery.status >= 300)).toEqual([]);
    const [deliveries] = await tunnel.sql.query<{ n: number }>("select count(*)::int as n from webhook_deliveries");
    expect(deliveries?.n).toBeGreaterThan(0);
  }, 120_000);
});
