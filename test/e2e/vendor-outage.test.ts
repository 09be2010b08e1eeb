import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repo, startLifecycle, statusCard, type Lifecycle } from "../../windtunnel/index.ts";
import { movableClock, waitUntil } from "../support/movable-clock.ts";

// Issue 16, faults from outside: a model vendor answering 529 "overloaded" for a long while
// failed the pass for good once its five attempts were spent (18 s of 529s on main). A long
// outage pauses the pass instead: the card says whom it waits for, why, and when it tries
// again; the pass resumes by itself once the vendor answers, and no attempt is spent.

const outage = 8;

describe("a model vendor overloaded for a long while", () => {
  let life: Lifecycle;
  const clock = movableClock();
  beforeAll(async () => {
    life = await startLifecycle({ clock });
  });
  afterAll(async () => {
    await life?.close();
  });

  it("pauses the pass with the vendor, the reason and the next try on the card, then resumes it", async () => {
    const tunnel = life.tunnel;
    const gh = tunnel.github;
    const sql = tunnel.pitwall.sql;
    tunnel.anthropic.enqueue(...Array.from({ length: outage }, () => ({ status: 529 })));
    const issue = gh.createIssue(repo, { title: "Add search", body: "Search by name.", author: "alice" });
    gh.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });

    const card = () => statusCard(tunnel, issue.number);
    for (let refused = 1; refused <= outage; refused += 1) {
      // The pass's job waits in the queue for its next try (a time of the app's clock), and the card says so.
      const waiting = await waitUntil(async () => {
        const [job] = await sql.query<{ status: string; run_at: Date }>("select status, run_at from jobs where kind = 'run_pass'");
        if (job?.status !== "queued" || job.run_at <= clock.now() || tunnel.anthropic.requests.length !== refused) return undefined;
        const nextTry = job.run_at.toISOString().replace("T", " ").slice(0, 19);
        return card().includes(`**State:** ⏸️ paused — waiting for anthropic: overloaded, next try at ${nextTry} UTC; Pitwall resumes by itself`) ? job : undefined;
      }, `the card to show the pass paused after 529 number ${refused}`).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${card()}`);
      });
      clock.moveTo(waiting.run_at);
      tunnel.pitwall.worker.wake();
    }
    await tunnel.settle();

    expect(card()).toContain("🚦 awaiting gate");
    expect(card()).not.toContain("paused —");
    const [job] = await sql.query<{ status: string; attempts: number; waits: number }>("select status, attempts, waits from jobs where kind = 'run_pass'");
    // Waiting spent no attempt: the run that answered was its first.
    expect(job).toEqual({ status: "done", attempts: 1, waits: outage });
    const audit = await sql.query<{ action: string; detail: string }>("select action, detail from audit_log where action like 'pass spec%' order by id");
    expect(audit.filter((entry) => entry.action === "pass spec paused")).toHaveLength(outage);
    expect(audit.map((entry) => entry.action)).not.toContain("pass spec failed");
  });
});
