import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRunsNamed, commentsOn, pullsIn } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, statusCard, workItemOf } from "../../windtunnel/index.ts";

// Every slash command (README "Commands") on one feature work item, with its permission rules, usage replies
// and audit entries, and definitions that stay pinned when the default branch changes.

describe("commands on a work item", () => {
  let life: Lifecycle;
  let issueNumber: number;
  const replies = (by: string) => commentsOn(life.tunnel.github, repo, issueNumber).filter((comment) => comment.body.startsWith(`@${by}`)).map((comment) => comment.body);

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("answers malformed and unknown commands with usage and changes nothing", async () => {
    await say(life.tunnel, issueNumber, "/reject\n/frobnicate now", "carol");
    // One comment, one answer: both lines are answered in one reply.
    expect(replies("carol")).toHaveLength(1);
    const [answer] = replies("carol");
    expect(answer).toContain("- `/reject`: `/reject` needs a reason");
    expect(answer).toContain("- `/frobnicate`: `/frobnicate` is not a Pitwall command");
    expect(answer).toContain("Usage:\n- `/reject <why>`");
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("awaiting_gate");
  });

  it("pauses: gate commands wait, and /resume looks at the gate again", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, issueNumber, "/pause", "bob");
    expect(replies("bob").at(-1)).toContain("your `/pause` was not counted: it needs write permission on the repository; yours is read");
    await say(life.tunnel, issueNumber, "/pause", "carol");
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("paused");
    expect(statusCard(life.tunnel, issueNumber)).toContain("**State:** ⏸️ paused (was awaiting gate; `/resume` continues)");
    await say(life.tunnel, spec.number, "/approve", "carol");
    expect(commentsOn(life.tunnel.github, repo, spec.number).at(-1)?.body).toContain("the work item is paused; `/resume` it before `/approve`");
    await say(life.tunnel, issueNumber, "/resume", "carol");
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("awaiting_gate");
  });

  it("/retry only re-runs failed or escalated passes", async () => {
    await say(life.tunnel, issueNumber, "/retry", "carol");
    expect(replies("carol").at(-1)).toContain("`/retry` re-runs a failed or escalated pass; this work item is awaiting gate");
  });

  it("/tier sets the tier of the next run, which /reject starts", async () => {
    await say(life.tunnel, issueNumber, "/tier frontier", "carol");
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, spec.number, "/reject Name the OS setting the theme follows.", "carol");
    // The specifier's rerun (the spec gate's verifier, the product manager, runs after it).
    const last = life.tunnel.anthropic.requests.map((request) => request.body as { model: string; tools: { name: string }[] }).findLast((body) => body.tools.some((tool) => tool.name === "submit_artifacts"));
    expect(last?.model).toBe("claude-opus-4-6");
    expect(statusCard(life.tunnel, issueNumber)).toMatch(/\| \*\*spec\*\* \| specifier \| both \| 🚦 awaiting gate \| 2 \(frontier\) \|/);
    const ledger = await life.tunnel.pitwall.sql.query<{ tier: string; tier_reason: string }>("select tier, tier_reason from ledger where agent = 'specifier' order by id desc limit 1");
    expect(ledger).toEqual([{ tier: "frontier", tier_reason: "set with /tier" }]);
  });

  it("/cost posts the breakdown for anyone, /status refreshes the card", async () => {
    await say(life.tunnel, issueNumber, "/cost\n/status", "bob");
    const cost = commentsOn(life.tunnel.github, repo, issueNumber).find((comment) => comment.body.startsWith("<!-- pitwall:cost:work-item -->"));
    expect(cost?.body).toContain("anthropic/claude-opus-4-6");
    expect(cost?.body).toContain("anthropic/claude-sonnet-4-6");
  });

  it("keeps the definitions pinned when the default branch changes them", async () => {
    // Someone routes the mid tier to another vendor on main after the work item started.
    life.tunnel.github.pushFiles(repo, {
      branch: "main",
      by: "carol",
      files: { ".github/pitwall.yml": "tiers:\n  cheap: [openai/gpt-5-mini]\n  mid: [openai/gpt-5]\n  frontier: [openai/gpt-5]\n" },
      message: "Route mid to OpenAI",
    });
    await life.tunnel.settle();
    const spec = await currentPull(life.tunnel, issueNumber);
    // The vendor refuses the key when the design pass runs (not something waiting fixes): the pass
    // fails, and /retry runs it again once the key works.
    life.tunnel.anthropic.enqueue({ status: 401, error: "invalid x-api-key" });
    await say(life.tunnel, spec.number, "/approve", "carol");
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "failed", current_pass: "design" });
    expect(statusCard(life.tunnel, issueNumber)).toContain("**State:** ❌ failed — the architect agent did not produce design.md");
    await say(life.tunnel, issueNumber, "/retry", "carol");
    const design = await currentPull(life.tunnel, issueNumber);
    expect(design).toMatchObject({ passId: "design", iteration: 2 });
    // Still the pinned config: read again, it would route every tier to OpenAI, which this app
    // has no key for, and the pass could not run.
    expect(life.tunnel.openai.requests).toHaveLength(0);
  });

  it("/cancel closes the open pass PR and ends the work item", async () => {
    const design = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, issueNumber, "/cancel", "carol");
    const item = await workItemOf(life.tunnel, issueNumber);
    expect(item.state).toBe("cancelled");
    const pull = pullsIn(life.tunnel.github, repo).find((candidate) => candidate.number === design.number);
    expect(pull?.issue.state).toBe("closed");
    expect(commentsOn(life.tunnel.github, repo, design.number).at(-1)?.body).toContain("Closed by Pitwall: work item cancelled by @carol");
    await say(life.tunnel, design.number, "/approve", "carol");
    expect(commentsOn(life.tunnel.github, repo, design.number).at(-1)?.body).toContain("there is no gate waiting");
    expect(checkRunsNamed(life.tunnel.github, "pitwall/gate").find((run) => run.headSha === design.headSha)?.conclusion).toBeNull();
  });

  it("wrote every decision to the audit trail on the card", () => {
    const card = statusCard(life.tunnel, issueNumber);
    for (const entry of ["| bob | /pause refused", "| carol | paused |", "| carol | resumed |", "| carol | /tier frontier: for the next run of spec |", "| carol | spec sent back (rejected)", "| carol | /approve on spec", "| carol | cancelled |"]) {
      expect(card).toContain(entry);
    }
  });
});
