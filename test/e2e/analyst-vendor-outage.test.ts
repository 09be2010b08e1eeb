import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repo, startLifecycle, statusCard, type Lifecycle } from "../../windtunnel/index.ts";
import { commentsOn } from "../support/world-queries.ts";
import { movableClock, waitUntil } from "../support/movable-clock.ts";

// Issue 16 (point 4): the analyst (a plain `pitwall` label) meeting a vendor outage blocked the
// work item on main. It waits like a pass does: the start_work_item job waits (WaitError), the
// card says so meanwhile, and the job's retry finishes the half-started work item.

const outage = 3;

describe("the analyst meeting a model vendor's outage", () => {
  let life: Lifecycle;
  const clock = movableClock();
  beforeAll(async () => {
    life = await startLifecycle({ clock });
  });
  afterAll(async () => {
    await life?.close();
  });

  it("waits, shows the paused state on the card, then posts its proposal; never blocked", async () => {
    const tunnel = life.tunnel;
    const gh = tunnel.github;
    const sql = tunnel.pitwall.sql;
    const requestsBefore = tunnel.anthropic.requests.length;
    tunnel.anthropic.enqueue(...Array.from({ length: outage }, () => ({ status: 529 })));
    const issue = gh.createIssue(repo, { title: "Add search", body: "Search by name.", author: "alice" });
    gh.addLabel(repo, issue.number, "pitwall", { by: "alice" });

    const card = () => statusCard(tunnel, issue.number);
    for (let refused = 1; refused <= outage; refused += 1) {
      const waiting = await waitUntil(async () => {
        const [job] = await sql.query<{ status: string; run_at: Date }>("select status, run_at from jobs where kind = 'start_work_item' and (payload->>'issueNumber')::int = $1", [issue.number]);
        if (job?.status !== "queued" || job.run_at <= clock.now() || tunnel.anthropic.requests.length - requestsBefore !== refused) return undefined;
        return card().includes("⏸️ paused — waiting for anthropic: overloaded") ? job : undefined;
      }, `the card to show the analyst paused after 529 number ${refused}`).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${card()}`);
      });
      clock.moveTo(waiting.run_at);
      tunnel.pitwall.worker.wake();
    }
    await tunnel.settle();

    const [item] = await sql.query<{ state: string; proposal: unknown }>("select state, proposal from work_items where issue_number = $1", [issue.number]);
    expect(item?.state).toBe("proposed");
    expect(item?.proposal).not.toBeNull();
    expect(commentsOn(gh, repo, issue.number).filter((comment) => comment.body.startsWith("🏁 The analyst proposes"))).toHaveLength(1);
    expect(card()).not.toContain("paused —");
    const audit = await sql.query<{ action: string }>("select action from audit_log where work_item_id = (select id from work_items where issue_number = $1)", [issue.number]);
    expect(audit.map((entry) => entry.action)).not.toContain("blocked");
    // Each wait is on the trail; the start itself once, though the job ran it outage + 1 times.
    expect(audit.filter((entry) => entry.action === "start paused")).toHaveLength(outage);
    expect(audit.filter((entry) => entry.action === "started")).toHaveLength(1);
    const [job] = await sql.query<{ status: string; waits: number }>("select status, waits from jobs where kind = 'start_work_item' and (payload->>'issueNumber')::int = $1", [issue.number]);
    expect(job).toEqual({ status: "done", waits: outage });
  });
});
