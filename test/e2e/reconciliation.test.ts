import { afterEach, describe, expect, it } from "vitest";
import { commentsOn, pullsIn } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, repo, startLifecycle, workItemOf, type Lifecycle } from "../../windtunnel/index.ts";

// GitHub never retries a delivery that timed out. Each case loses one webhook on its way to
// Pitwall (the wind tunnel records it as a timed-out delivery), shows the work item stuck, and
// then lets Pitwall's sweep compare the work item with GitHub and catch up through the same
// paths a webhook takes.

let life: Lifecycle | undefined;

afterEach(async () => {
  await life?.close();
  life = undefined;
});

/** Runs a sweep now (as the periodic one would) and waits for what it queued. */
async function sweep(current: Lifecycle): Promise<void> {
  await current.tunnel.pitwall.sweep();
  await current.tunnel.settle();
}

function lostDelivery(current: Lifecycle, event: string, action: string): { guid: string } {
  const lost = current.tunnel.github.state.deliveries.filter((delivery) => delivery.event === event && delivery.action === action && delivery.error === "timed out");
  expect(lost).toHaveLength(1);
  return lost[0]!;
}

async function auditActions(current: Lifecycle, issueNumber: number): Promise<string[]> {
  const rows = await current.tunnel.pitwall.sql.query<{ action: string }>("select a.action from audit_log a join work_items w on w.id = a.work_item_id where w.issue_number = $1 order by a.id", [issueNumber]);
  return rows.map((row) => row.action);
}

async function gateDecisions(current: Lifecycle): Promise<{ actor: string; decision: string; source: string }[]> {
  return current.tunnel.pitwall.sql.query("select actor, decision, source from gate_decisions order by id");
}

const specMerged = (current: Lifecycle, number: number) => pullsIn(current.tunnel.github, repo).find((pull) => pull.number === number)?.merged;

describe("the sweep catches up a lost webhook", () => {
  it("a lost label: the work item is started", async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    const issueNumber = gh.createIssue(repo, { title: "Add dark mode", body: "Users want a dark theme.", author: "alice" }).number;
    gh.dropNextDelivery("issues", "labeled");
    gh.addLabel(repo, issueNumber, "pitwall:feature", { by: "alice" });
    await life.tunnel.settle();
    lostDelivery(life, "issues", "labeled");
    expect(await life.tunnel.pitwall.sql.query("select id from work_items")).toHaveLength(0);

    await sweep(life);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec", workflow: "feature" });
    const [item] = await life.tunnel.pitwall.sql.query<{ initiator: string }>("select initiator from work_items");
    expect(item?.initiator).toBe("alice");
    expect(await auditActions(life, issueNumber)).toContain("sweep: caught up a lost label pitwall:feature by @alice");
  }, 120_000);

  it("a lost /approve: the gate is decided, once, and the sweep says so in the audit trail", async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    gh.dropNextDelivery("issue_comment", "created");
    const approval = gh.comment(repo, spec.number, "/approve", { by: "carol" });
    await life.tunnel.settle();
    expect(specMerged(life, spec.number)).toBe(false);

    await sweep(life);
    expect(specMerged(life, spec.number)).toBe(true);
    expect(await auditActions(life, issueNumber)).toContain(`sweep: caught up a lost /approve by @carol (comment ${approval.id})`);

    // GitHub's delivery comes after all (a redelivery): nothing is doubled.
    const before = { decisions: await gateDecisions(life), comments: commentsOn(gh, repo, spec.number).length };
    const redelivered = await gh.redeliver(lostDelivery(life, "issue_comment", "created").guid);
    expect(redelivered.status).toBe(200);
    await life.tunnel.settle();
    await sweep(life);
    expect(await gateDecisions(life)).toEqual(before.decisions);
    expect(before.decisions).toEqual([{ actor: "carol", decision: "approve", source: "comment" }]);
    expect(commentsOn(gh, repo, spec.number)).toHaveLength(before.comments);
  }, 120_000);

  it("a lost approving review: it counts, once", async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    gh.dropNextDelivery("pull_request_review", "submitted");
    gh.review(repo, spec.number, { by: "carol", event: "APPROVE", commitId: spec.headSha });
    await life.tunnel.settle();
    expect(specMerged(life, spec.number)).toBe(false);

    await sweep(life);
    expect(specMerged(life, spec.number)).toBe(true);
    expect((await auditActions(life, issueNumber)).some((action) => /^sweep: caught up a lost approving review by @carol \(review \d+\)$/.test(action))).toBe(true);

    await gh.redeliver(lostDelivery(life, "pull_request_review", "submitted").guid);
    await life.tunnel.settle();
    await sweep(life);
    expect(await gateDecisions(life)).toEqual([{ actor: "carol", decision: "approve", source: "review" }]);
  }, 120_000);

  it("a lost check_run.completed of the repo's CI: the gate that waited for it is met", async () => {
    life = await startLifecycle({ protect: { requiredStatusChecks: ["pitwall/gate", "ci/integration"] } });
    const gh = life.tunnel.github;
    const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    gh.comment(repo, spec.number, "/approve", { by: "carol" });
    await life.tunnel.settle();
    // The gate waits for the required ci/integration, which reports late and whose webhook is lost.
    expect(specMerged(life, spec.number)).toBe(false);
    gh.dropNextDelivery("check_run", "completed");
    gh.reportCheckRun(repo, spec.headSha, { name: "ci/integration", conclusion: "success" });
    await life.tunnel.settle();
    lostDelivery(life, "check_run", "completed");
    expect(specMerged(life, spec.number)).toBe(false);

    await sweep(life);
    expect(specMerged(life, spec.number)).toBe(true);
    expect((await auditActions(life, issueNumber)).some((action) => action.startsWith("sweep: caught up a lost CI result ci/integration"))).toBe(true);
  }, 120_000);

  it("a person's merge whose webhook was lost: the work item goes to a person as with the webhook", async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    gh.dropNextDelivery("pull_request", "closed");
    gh.mergePullRequest(repo, spec.number, { by: "alice" });
    await life.tunnel.settle();
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec" });

    await sweep(life);
    const item = await workItemOf(life.tunnel, issueNumber);
    expect(item).toMatchObject({ state: "escalated", current_pass: "spec" });
    expect(item.state_reason).toContain(`@alice merged #${spec.number} before its gate was met`);
    expect(await auditActions(life, issueNumber)).toContain(`sweep: caught up a lost merge of #${spec.number} by @alice`);
  }, 120_000);
});

describe("what the sweep finds goes through the webhook's checks", () => {
  it("a lost /approve by someone without write access is refused as it is through the webhook", async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    gh.createUser({ login: "mallory" });
    const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    // Through the webhook first, then the same comment lost and found by the sweep.
    gh.comment(repo, spec.number, "/approve", { by: "mallory" });
    await life.tunnel.settle();
    gh.dropNextDelivery("issue_comment", "created");
    gh.comment(repo, spec.number, "/approve", { by: "mallory" });
    await life.tunnel.settle();
    await sweep(life);

    const replies = commentsOn(gh, repo, spec.number).filter((comment) => comment.author === gh.botLogin && comment.body.startsWith("@mallory"));
    expect(replies).toHaveLength(2);
    expect(replies[1]?.body).toBe(replies[0]?.body);
    // A public repository: anyone may read it, so mallory's permission is read.
    expect(replies[0]?.body).toContain("your `/approve` was not counted: this gate needs write permission on the repository; yours is read");
    expect(specMerged(life, spec.number)).toBe(false);
    expect(await gateDecisions(life)).toEqual([
      { actor: "mallory", decision: "refused", source: "comment" },
      { actor: "mallory", decision: "refused", source: "comment" },
    ]);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec" });
  }, 120_000);

  it("a comment written before the work item existed is not run by the sweep", async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    const issueNumber = gh.createIssue(repo, { title: "Add dark mode", body: "Users want a dark theme.", author: "alice" }).number;
    gh.comment(repo, issueNumber, "/cancel", { by: "carol" });
    gh.addLabel(repo, issueNumber, "pitwall:feature", { by: "alice" });
    await life.tunnel.settle();
    await sweep(life);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec" });
  }, 120_000);
});

describe("the sweep follows the issue", () => {
  it("a lost issues.closed: the work item is cancelled as with the webhook", async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Close me", body: "Closed before the spec is approved." });
    gh.dropNextDelivery("issues", "closed");
    gh.closeIssue(repo, issueNumber, { by: "carol" });
    await life.tunnel.settle();
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate" });

    await sweep(life);
    const item = await workItemOf(life.tunnel, issueNumber);
    expect(item.state).toBe("cancelled");
    expect(item.state_reason).toContain("@carol closed the issue");
    expect(await auditActions(life, issueNumber)).toContain("sweep: caught up a lost close of the issue by @carol");
  }, 120_000);

  it("a lost issues.unlabeled holds the work item; a lost re-label releases it", async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    const issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Label off", body: "Hold when the label goes." });
    gh.dropNextDelivery("issues", "unlabeled");
    gh.removeLabel(repo, issueNumber, "pitwall:feature", { by: "carol" });
    await life.tunnel.settle();

    await sweep(life);
    const [held] = await life.tunnel.pitwall.sql.query<{ hold: string | null }>("select hold from work_items where issue_number = $1", [issueNumber]);
    expect(held?.hold).toBe("label_removed");
    expect(await auditActions(life, issueNumber)).toContain("sweep: caught up a lost removal of the pitwall:feature label by @carol");
    // A second round finds nothing more to do.
    const audits = (await auditActions(life, issueNumber)).length;
    await sweep(life);
    expect(await auditActions(life, issueNumber)).toHaveLength(audits);

    // The label put back, its webhook lost too: the sweep releases the hold.
    gh.dropNextDelivery("issues", "labeled");
    gh.addLabel(repo, issueNumber, "pitwall:feature", { by: "alice" });
    await life.tunnel.settle();
    await sweep(life);
    const [released] = await life.tunnel.pitwall.sql.query<{ hold: string | null; state: string }>("select hold, state from work_items where issue_number = $1", [issueNumber]);
    expect(released).toEqual({ hold: null, state: "awaiting_gate" });
    expect(await auditActions(life, issueNumber)).toContain("sweep: caught up a lost label pitwall:feature by @alice");
  }, 120_000);
});

describe("the sweep is paced", () => {
  const saved = process.env.PITWALL_SWEEP_CALLS;

  afterEach(() => {
    if (saved === undefined) delete process.env.PITWALL_SWEEP_CALLS;
    else process.env.PITWALL_SWEEP_CALLS = saved;
  });

  it("a round that runs out of GitHub calls stops and the next one continues where it left off", async () => {
    // 10 calls: one work item at a gate takes 8 (issue, two comment lists, PR, reviews, CI).
    process.env.PITWALL_SWEEP_CALLS = "10";
    let ahead = 0;
    life = await startLifecycle({ clock: { now: () => new Date(Date.now() + ahead) } });
    const gh = life.tunnel.github;
    const first = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const second = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add light mode", body: "Users want a light theme." });
    const pulls = [await currentPull(life.tunnel, first), await currentPull(life.tunnel, second)];
    for (const pull of pulls) {
      gh.dropNextDelivery("issue_comment", "created");
      gh.comment(repo, pull.number, "/approve", { by: "carol" });
    }
    await life.tunnel.settle();

    await sweep(life);
    expect(pulls.map((pull) => specMerged(life!, pull.number))).toEqual([true, false]);
    ahead += 3 * 60_000;
    life.tunnel.pitwall.worker.wake();
    await life.tunnel.settle();
    expect(pulls.map((pull) => specMerged(life!, pull.number))).toEqual([true, true]);
  }, 120_000);
});
