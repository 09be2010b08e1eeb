import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repo, startLifecycle, statusCard, type Lifecycle } from "../../windtunnel/index.ts";
import { movableClock, waitUntil } from "../support/movable-clock.ts";

// Issue 16, faults from outside: a model call has a time limit well under the job's lease. On
// main a vendor that never answered left the pass "running" for up to 10 minutes (the SDK's
// timeout). The call now gives up at its limit (a short one here), the pass pauses with the
// reason on the card, and the next try goes through.

describe("a model vendor that never answers", () => {
  let life: Lifecycle;
  const clock = movableClock();
  beforeAll(async () => {
    life = await startLifecycle({ clock, modelCallTimeLimitMs: 1_000 });
  });
  afterAll(async () => {
    await life?.close();
  });

  it("gives the call up at its time limit, pauses the pass with the reason on the card, then resumes it", async () => {
    const tunnel = life.tunnel;
    const gh = tunnel.github;
    const sql = tunnel.pitwall.sql;
    // The first call hangs (for as long as the test runs).
    tunnel.anthropic.enqueue({ until: new Promise(() => undefined) });
    const issue = gh.createIssue(repo, { title: "Add search", body: "Search by name.", author: "alice" });
    const started = Date.now();
    gh.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });

    const card = () => statusCard(tunnel, issue.number);
    const waiting = await waitUntil(async () => {
      const [job] = await sql.query<{ status: string; run_at: Date }>("select status, run_at from jobs where kind = 'run_pass'");
      return job?.status === "queued" && card().includes("⏸️ paused — waiting for anthropic: no answer in time, next try at") ? job : undefined;
    }, "the pass to pause when the call hit its time limit", 15_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${card()}`);
    });
    // Given up at the limit (1 s here), not at the SDK's own timeout (30 s in the tunnel).
    expect(Date.now() - started).toBeLessThan(10_000);
    const audit = await sql.query<{ detail: string }>("select detail from audit_log where action = 'pass spec paused'");
    expect(audit).toHaveLength(1);

    clock.moveTo(waiting.run_at);
    tunnel.pitwall.worker.wake();
    await tunnel.settle();
    expect(card()).toContain("🚦 awaiting gate");
    const [job] = await sql.query<{ status: string; attempts: number }>("select status, attempts from jobs where kind = 'run_pass'");
    expect(job).toEqual({ status: "done", attempts: 1 });
  });
});
