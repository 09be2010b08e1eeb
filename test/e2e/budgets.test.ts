import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatUsd, nanoToUsd, sumNano, usdToNano } from "../../src/domain/money.ts";
import { driveToDone, labelNewIssue, repo, say, startLifecycle, statusCard, workItemOf, type Lifecycle, scriptedAgentReply, type FakeReply } from "../../windtunnel/index.ts";
import { checkRunsNamed, commentsOn, issueByNumber, pullsIn } from "../support/world-queries.ts";
import { earlierWork } from "../support/earlier-work.ts";
import { withPitwallConfig } from "../support/with-pitwall-config.ts";

const sumUsd = (amounts: string[]) => nanoToUsd(sumNano(amounts.map(usdToNano)));

// Budgets as a control surface through the real app: a repo at 80% delays low-priority work, at
// 100% holds a dispatch for `/approve budget`, at 120% pauses everything; forecasts come from
// finished work items; summaries add up to the ledger; the cost API serves the same figures.

/** A repo budget owned by olivia (with more budget settings and files when given). */
async function withRepoBudget(life: Lifecycle, limit: number, more: { settings?: string; files?: Record<string, string> } = {}): Promise<void> {
  await withPitwallConfig(life, `budgets:\n  repo: { limit_usd: ${limit}, owners: [olivia] }\n${more.settings ?? ""}`, more.files);
}

describe("a repo at 80% of its budget", () => {
  let life: Lifecycle;
  let issueNumber: number;
  beforeAll(async () => {
    life = await startLifecycle();
    await withRepoBudget(life, 10);
    await earlierWork(life.tunnel.pitwall.sql, "feature", "8.50");
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the config", body: "Which keys does the config take?" });
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("tells the owner once and delays low-priority work without calling a model", async () => {
    expect(life.tunnel.anthropic.requests).toHaveLength(0);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("queued");
    expect(statusCard(life.tunnel, issueNumber)).toContain("Pass `write` is delayed: the repo budget of acme/rocket ($10.00) is nearly spent");
    const notices = commentsOn(life.tunnel.github, repo, issueNumber).filter((comment) => comment.body.includes("is past 80% of its limit"));
    expect(notices.map((comment) => comment.body)).toEqual([expect.stringContaining("@olivia the repo budget of acme/rocket ($10.00) is past 80% of its limit ($8.50 spent or held)")]);
    const later = await life.tunnel.pitwall.sql.query<{ run_at: Date }>("select run_at from jobs where kind = 'run_pass' and status = 'queued'");
    expect(later).toHaveLength(1);
    expect(later[0]!.run_at.getTime() - Date.now()).toBeGreaterThan(10 * 60_000);
  });
});

describe("a repo at its budget", () => {
  let life: Lifecycle;
  let feature: number;
  let docs: number;
  beforeAll(async () => {
    life = await startLifecycle();
    await withRepoBudget(life, 10);
    await earlierWork(life.tunnel.pitwall.sql, "feature", "10");
    feature = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    docs = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the config", body: "Which keys does the config take?" });
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("pauses low-priority work and holds other dispatches for /approve budget from an owner", async () => {
    expect(life.tunnel.anthropic.requests).toHaveLength(0);
    for (const number of [feature, docs]) {
      expect((await workItemOf(life.tunnel, number)).state).toBe("paused");
      expect(issueByNumber(life.tunnel.github, repo, number).labelIds.map((id) => life.tunnel.github.state.labels.get(id)?.name)).toContain("pitwall:paused-budget");
    }
    expect(statusCard(life.tunnel, docs)).toContain("is at its limit ($10.00); low-priority work waits");
    expect(statusCard(life.tunnel, feature)).toContain("has $0.00 left; an owner can allow it with `/approve budget`");
    await say(life.tunnel, feature, "/approve budget", "carol");
    expect(commentsOn(life.tunnel.github, repo, feature).at(-1)?.body).toContain("only the budget owners (@olivia) may release a budget hold");
    expect(life.tunnel.anthropic.requests).toHaveLength(0);
    await say(life.tunnel, feature, "/approve budget", "olivia");
    expect(await workItemOf(life.tunnel, feature)).toMatchObject({ state: "awaiting_gate", current_pass: "spec" });
    expect(life.tunnel.anthropic.requests.length).toBeGreaterThan(0);
    expect(issueByNumber(life.tunnel.github, repo, feature).labelIds.map((id) => life.tunnel.github.state.labels.get(id)?.name)).not.toContain("pitwall:paused-budget");
  });
});

describe("a repo over its budget", () => {
  let life: Lifecycle;
  let issueNumber: number;
  beforeAll(async () => {
    life = await startLifecycle();
    await withRepoBudget(life, 10);
    await earlierWork(life.tunnel.pitwall.sql, "feature", "12.50");
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    await say(life.tunnel, issueNumber, "/approve budget", "olivia");
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("pauses everything in scope, even after /approve budget, and escalates to the owners", async () => {
    expect(life.tunnel.anthropic.requests).toHaveLength(0);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("paused");
    const holds = commentsOn(life.tunnel.github, repo, issueNumber).filter((comment) => comment.body.includes("is held"));
    expect(holds.length).toBe(2);
    expect(holds[1]?.body).toContain("@olivia pass `spec` is held: the repo budget of acme/rocket ($10.00) is over its limit: $12.50 spent or held. Everything in this budget's scope is paused");
  });
});

describe("cost of a work item from label to done", () => {
  let life: Lifecycle;
  let issueNumber: number;
  beforeAll(async () => {
    life = await startLifecycle({ dashboardToken: "dash-secret" });
    for (const [usd, size] of [["2.00", 100], ["6.00", 200], ["5.00", 50]] as const) await earlierWork(life.tunnel.pitwall.sql, "docs", usd, size);
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the config", body: "The README does not say which keys the config file takes." });
    await driveToDone(life.tunnel, issueNumber, "carol");
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("forecast from three finished items of the workflow, and shows forecast against actual at the end", () => {
    const card = statusCard(life.tunnel, issueNumber);
    // Median $0.03 per word × 14 words (title and body) = $0.42.
    expect(card).toMatch(/forecast \$0\.42, actual \$0\.\d\d/);
  });

  it("posts summaries that add up to the ledger to the cent", async () => {
    const item = await workItemOf(life.tunnel, issueNumber);
    const ledger = await life.tunnel.pitwall.sql.query<{ usd: string }>("select usd::text as usd from ledger where work_item_id = $1", [item.id]);
    const total = sumUsd(ledger.map((row) => row.usd));
    const pulls = [...life.tunnel.github.state.pulls.values()].map((pull) => pull.number);
    const perPass = pulls.flatMap((number) => commentsOn(life.tunnel.github, repo, number).filter((comment) => comment.body.startsWith("<!-- pitwall:cost:")).map((comment) => /\*\*This pass:\*\* \$([\d.]+)/.exec(comment.body)?.[1] ?? "x"));
    const final = commentsOn(life.tunnel.github, repo, issueNumber).find((comment) => comment.body.startsWith("<!-- pitwall:cost:work-item -->"));
    expect(final?.body).toContain("Final cost of the work item (docs workflow · forecast $0.42)");
    const cents = (usd: string) => Math.round(Number(usd) * 100);
    expect(cents(sumUsd(perPass))).toBe(cents(total));
    expect(final?.body).toContain(`**Work item so far:** $${(cents(total) / 100).toFixed(2)}`);
  });

  it("serves the same figures as JSON to a dashboard with the token, and nothing without it", async () => {
    const url = `${life.tunnel.appUrl}/api/pitwall/cost?by=workflow&period=last-30-days`;
    expect((await fetch(url)).status).toBe(401);
    const answer = await fetch(url, { headers: { authorization: "Bearer dash-secret" } });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { groups: { key: string; usd: string }[] };
    const docs = body.groups.find((group) => group.key === "docs");
    const item = await workItemOf(life.tunnel, issueNumber);
    const all = await life.tunnel.pitwall.sql.query<{ usd: string }>("select l.usd::text as usd from ledger l join work_items w on w.id = l.work_item_id where w.workflow = 'docs'");
    expect(docs?.usd).toBe(sumUsd(all.map((row) => row.usd)));
    expect(item.workflow).toBe("docs");
  });
});

describe("budget pressure on agents that may step down", () => {
  let life: Lifecycle;
  beforeAll(async () => {
    life = await startLifecycle();
    await withRepoBudget(life, 10, { settings: "  low_priority_below: 10\n" });
    await earlierWork(life.tunnel.pitwall.sql, "feature", "8.50");
    await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the config", body: "Which keys does the config take?" });
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("runs the technical writer one tier down while the repo budget is nearly spent", async () => {
    const rows = await life.tunnel.pitwall.sql.query<{ agent: string; tier: string; tier_reason: string; model: string }>("select agent, tier, tier_reason, model from ledger where agent = 'technical-writer'");
    expect(rows).toEqual([{ agent: "technical-writer", tier: "cheap", tier_reason: "one tier down from mid: the budget is nearly spent", model: "claude-haiku-4-5" }]);
  });
});

describe("a repo over its monthly budget when the month turns", () => {
  let life: Lifecycle;
  let issueNumber: number;
  // The app's clock: moved on to the next month by the test; the fake GitHub keeps real time.
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  beforeAll(async () => {
    life = await startLifecycle({ clock });
    await withRepoBudget(life, 10);
    await earlierWork(life.tunnel.pitwall.sql, "feature", "12.50");
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("holds the pass until the budget's next period starts, then dispatches it on the new period's spend", async () => {
    const nextMonth = new Date(Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth() + 1, 1));
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("paused");
    expect(life.tunnel.anthropic.requests).toHaveLength(0);
    expect(issueByNumber(life.tunnel.github, repo, issueNumber).labelIds.map((id) => life.tunnel.github.state.labels.get(id)?.name)).toContain("pitwall:paused-budget");
    const held = commentsOn(life.tunnel.github, repo, issueNumber).find((comment) => comment.body.includes("is held"));
    expect(held?.body).toContain(`paused until an owner raises the limit or the budget's next period starts on ${nextMonth.toISOString().slice(0, 10)}`);
    const waiting = await life.tunnel.pitwall.sql.query<{ run_at: Date }>("select run_at from jobs where kind = 'budget_period_started' and status = 'queued'");
    expect(waiting.map((job) => job.run_at.toISOString())).toEqual([nextMonth.toISOString()]);

    // Still this month: nothing moves.
    life.tunnel.pitwall.worker.wake();
    await life.tunnel.settle();
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("paused");

    // The first of next month: last month's $12.50 no longer counts, and the spec pass runs.
    offsetMs = nextMonth.getTime() - Date.now() + 60_000;
    life.tunnel.pitwall.worker.wake();
    await life.tunnel.settle();
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec" });
    expect(life.tunnel.anthropic.requests.length).toBeGreaterThan(0);
    const labels = () => issueByNumber(life.tunnel.github, repo, issueNumber).labelIds.map((id) => life.tunnel.github.state.labels.get(id)?.name);
    expect(labels()).not.toContain("pitwall:paused-budget");
    const audit = await life.tunnel.pitwall.sql.query<{ action: string }>("select action from audit_log where action = 'budget period started'");
    expect(audit).toHaveLength(1);
  });
});

// "One call can overshoot by at most its own per-call cap": a pass admitted on its estimate that
// then costs far more. Its architect reads a large file again and again; each call is reserved
// for its cap before it is made, so the pass stops when the budget has no room for the next.
const surveyWorkflow = `---
name: survey
version: 1
label: pitwall:survey
description: A design that reads the repo first.
priority: 50
forecast_usd: 0.5
passes:
  - id: design
    agent: architect
    description: Issue → design, after reading the repo.
    inputs: [issue]
    outputs: [design.md]
    gate: { kind: human, criteria: ["The design fits the repo."], approvers: write, required_approvals: 1, max_iterations: 3, merge: auto }
---

# Survey
`;

/** What every model call in the repo cost. */
async function repoSpend(life: Lifecycle): Promise<string> {
  return sumUsd((await life.tunnel.pitwall.sql.query<{ usd: string }>("select usd::text as usd from ledger")).map((row) => row.usd));
}

// A 55 kB file an agent reads again and again, so its calls cost more each turn.
const history = `# History\n\n${"The launch sequence was revised again. ".repeat(1_400)}\n`;
const readHistory: FakeReply = { text: "", toolCalls: [{ name: "read_file", input: { path: "docs/history.md" } }] };

describe("a running pass that costs more than its estimate", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let reading = true;
  beforeAll(async () => {
    life = await startLifecycle();
    await withRepoBudget(life, 10, { files: { ".github/pitwall/workflows/survey.md": surveyWorkflow, "docs/history.md": history } });
    await earlierWork(life.tunnel.pitwall.sql, "feature", "9.00");
    life.tunnel.anthropic.setResponder((request) => (reading ? readHistory : scriptedAgentReply(request)));
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:survey", { title: "Design the launch log", body: "Where should launches be recorded?" });
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("stops before the call the budget has no room for, and runs again after /approve budget", async () => {
    const labels = () => issueByNumber(life.tunnel.github, repo, issueNumber).labelIds.map((id) => life.tunnel.github.state.labels.get(id)?.name);
    // Admitted on its $0.50 estimate with $1.00 left, it read the file over several calls, each
    // reserved for its cap first, and stopped before the one the budget had no room for.
    const calls = life.tunnel.anthropic.requests.length;
    expect(calls).toBeGreaterThan(1);
    const ledger = await life.tunnel.pitwall.sql.query<{ usd: string }>("select l.usd::text as usd from ledger l join pass_runs p on p.id = l.pass_run_id where p.pass_id = 'design'");
    expect(ledger).toHaveLength(calls);
    expect(Number(sumUsd(ledger.map((row) => row.usd)))).toBeGreaterThan(0.1);
    const spent = await repoSpend(life);
    expect(Number(spent)).toBeLessThanOrEqual(10);
    const stop = commentsOn(life.tunnel.github, repo, issueNumber).find((comment) => comment.body.includes("pass `design` stopped"))?.body ?? "";
    const [, cap, left] = /^🏁 @olivia pass `design` stopped: the next model call could cost up to \$(\d+\.\d\d) and the repo budget of acme\/rocket \(\$10\.00\) has \$(\d+\.\d\d) left for it\. An owner can let it run with `\/approve budget`\.$/.exec(stop) ?? [];
    expect(`$${left}`).toBe(formatUsd(usdToNano("10") - usdToNano(spent), "down"));
    expect(Number(cap)).toBeGreaterThan(Number(left));
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "paused", current_pass: "design" });
    expect(labels()).toContain("pitwall:paused-budget");
    expect(pullsIn(life.tunnel.github, repo)).toHaveLength(0);
    // Queued again as it was before it ran: its tier is chosen afresh when it runs again.
    const [run] = await life.tunnel.pitwall.sql.query<{ state: string; error: string; tier: string | null }>("select state, error, tier from pass_runs where pass_id = 'design'");
    expect(run).toEqual({ state: "queued", error: `stopped before model call ${calls + 1}: ${stop.slice(stop.indexOf("the next model call"), stop.indexOf(". An owner"))}`, tier: null });
    expect(await life.tunnel.pitwall.sql.query("select 1 from budget_reservations where state = 'held'")).toEqual([]);
    expect(statusCard(life.tunnel, issueNumber)).toContain(`Held by a budget: the next model call could cost up to $${cap} and the repo budget of acme/rocket ($10.00) has $${left} left for it. A budget owner can answer \`/approve budget\`.`);

    // The owner lets it go past the limit (never past 120%); this time the architect submits.
    reading = false;
    await say(life.tunnel, issueNumber, "/approve budget", "olivia");
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "design" });
    expect(await life.tunnel.pitwall.sql.query("select state, error from pass_runs where pass_id = 'design'")).toEqual([{ state: "awaiting_gate", error: null }]);
    expect(life.tunnel.anthropic.requests.length).toBe(calls + 1);
    expect(pullsIn(life.tunnel.github, repo)).toHaveLength(1);
    expect(labels()).not.toContain("pitwall:paused-budget");
    expect(Number(await repoSpend(life))).toBeLessThanOrEqual(12);
  });
});

describe("a verifier the budget has no room for", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let reading = true;
  beforeAll(async () => {
    life = await startLifecycle();
    await withRepoBudget(life, 10, { settings: "  low_priority_below: 10\n", files: { "docs/history.md": history } });
    await earlierWork(life.tunnel.pitwall.sql, "feature", "9.45");
    // The documenter (the write pass's verifier) keeps reading until the test lets it judge.
    life.tunnel.anthropic.setResponder((request) => {
      const verifier = JSON.stringify((request.body as { tools?: unknown[] }).tools ?? []).includes("submit_verdict");
      return verifier && reading ? readHistory : scriptedAgentReply(request);
    });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the launch log", body: "Where are launches recorded?" });
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("stops it without a verdict (the gate stays closed) until an owner answers /approve budget", async () => {
    expect(Number(await repoSpend(life))).toBeLessThanOrEqual(10);
    const [check] = checkRunsNamed(life.tunnel.github, "pitwall/documenter");
    expect(check).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(check?.output.summary).toMatch(/No verdict: stopped by a budget: the next model call could cost up to \$\d+\.\d\d and the repo budget of acme\/rocket \(\$10\.00\) has \$0\.\d\d left for it\. An owner can run it again with `\/approve budget` on #\d+\./);
    const told = commentsOn(life.tunnel.github, repo, issueNumber).filter((comment) => comment.body.includes("verifier of pass `write` stopped"));
    expect(told.map((comment) => comment.body)).toEqual([expect.stringMatching(/^🏁 @olivia the `documenter` verifier of pass `write` stopped: the next model call could cost/)]);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "write" });
    const verifierCalls = await life.tunnel.pitwall.sql.query("select 1 from ledger where agent = 'documenter'");
    expect(verifierCalls.length).toBeGreaterThan(1);
    expect(await life.tunnel.pitwall.sql.query("select 1 from budget_reservations where state = 'held'")).toEqual([]);

    await say(life.tunnel, issueNumber, "/approve budget", "carol");
    expect(commentsOn(life.tunnel.github, repo, issueNumber).at(-1)?.body).toContain("only the budget owners (@olivia) may release a budget hold");

    // Approved, it may go past the limit (not past 120%): this time it judges, and the gate opens.
    reading = false;
    await say(life.tunnel, issueNumber, "/approve budget", "olivia");
    const after = checkRunsNamed(life.tunnel.github, "pitwall/documenter");
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: "completed", conclusion: "success" });
    const write = await life.tunnel.pitwall.sql.query<{ state: string }>("select state from pass_runs where pass_id = 'write'");
    expect(write).toEqual([{ state: "merged" }]);
    expect(Number(await repoSpend(life))).toBeLessThanOrEqual(12);
  });
});

describe("the analyst's classification on a spent repo budget", () => {
  let life: Lifecycle;
  let issueNumber: number;
  beforeAll(async () => {
    life = await startLifecycle();
    await withRepoBudget(life, 10);
    await earlierWork(life.tunnel.pitwall.sql, "feature", "9.999");
    issueNumber = await labelNewIssue(life.tunnel, "pitwall", { title: "Add dark mode", body: "Users want a dark theme." });
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("is not called when the budget has no room for its call, and the card says how to go on", async () => {
    expect(life.tunnel.anthropic.requests).toHaveLength(0);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("blocked");
    expect(statusCard(life.tunnel, issueNumber)).toMatch(/The analyst could not propose a workflow \(stopped before model call 1: the next model call could cost up to \$0\.\d+ and the repo budget of acme\/rocket \(\$10\.00\) has \$0\.0010 left for it\)\. Label the issue with a workflow label instead/);
    expect(await life.tunnel.pitwall.sql.query("select holder, state from budget_reservations")).toEqual([{ holder: "analyst", state: "settled" }]);
  });
});
