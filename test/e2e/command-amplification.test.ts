import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentsOn, deliveriesOf, pullsIn } from "../support/world-queries.ts";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, workItemOf } from "../../windtunnel/index.ts";

// One comment, one answer (issue 13, point 2): however many command lines a comment holds, and
// however often its webhook is delivered, Pitwall answers it at most once; a user without access
// is refused before anything else is read or changed; and one person's comments never hold up
// another person's command on the same work item.

const permissionRoute = "/repos/{owner}/{repo}/collaborators/{username}/permission";

describe("one comment, one answer", () => {
  let life: Lifecycle;
  let issueNumber: number;
  const gh = () => life.tunnel.github;
  const repliesTo = (number: number, login: string) => commentsOn(gh(), repo, number).filter((comment) => comment.author === gh().botLogin && comment.body.startsWith(`@${login} `));
  const capturedDelivery = (commentId: number, action: string) => {
    const found = deliveriesOf(gh(), "issue_comment", action).find((delivery) => (delivery.payload["comment"] as { id: number }).id === commentId);
    if (!found) throw new Error(`no issue_comment.${action} delivery for comment ${commentId}`);
    return found;
  };

  // GitHub's clock, moved on between edits (it keeps `updated_at` to the second).
  let githubOffsetMs = 0;

  beforeAll(async () => {
    life = await startLifecycle({ githubNow: () => new Date(Date.now() + githubOffsetMs) });
    // Mallory is no collaborator: GitHub answers `none` for her.
    gh().setPermission(repo, "mallory", "none");
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("answers 300 invalid command lines from a user without access once, and a maintainer's /approve is not held behind them", async () => {
    const spec = await currentPull(life.tunnel, issueNumber);
    const lines = Array.from({ length: 300 }, (_, index) => ["/frobnicate", "/approve everything", "/reject", "/tier huge", `/deploy-${index}`][index % 5] ?? "/x");
    // GitHub holds its answer to the attacker's permission question until the spec PR has merged
    // (or 20 s have passed, so a Pitwall that waits for the attacker fails instead of hanging).
    let released = false;
    const mergedOrTimeout = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 20_000);
      gh().on("event", (event) => {
        if (released || event.event !== "pull_request" || event.action !== "closed" || (event.payload["pull_request"] as { number: number }).number !== spec.number) return;
        released = true;
        clearTimeout(timer);
        resolve();
      });
    });
    gh().injectFault({ method: "GET", route: permissionRoute, params: { username: "mallory" }, times: 1, until: mergedOrTimeout });
    const requestsBefore = gh().requests.length;
    const spam = gh().comment(repo, spec.number, lines.join("\n"), { by: "mallory" });
    gh().comment(repo, spec.number, "/approve", { by: "carol" });
    await life.tunnel.settle();

    // The maintainer's approval merged the spec, before Pitwall answered the attacker at all.
    const merged = pullsIn(gh(), repo).find((pull) => pull.number === spec.number);
    expect(merged?.merged).toBe(true);
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("design");
    const replies = repliesTo(spec.number, "mallory");
    expect(replies).toHaveLength(1);
    const events = gh().state.events;
    const mergedAt = events.findIndex((event) => event.event === "pull_request" && event.action === "closed" && (event.payload["pull_request"] as { number: number }).number === spec.number);
    const answeredAt = events.findIndex((event) => event.event === "issue_comment" && event.action === "created" && (event.payload["comment"] as { id: number }).id === replies[0]?.id);
    expect(mergedAt).toBeGreaterThanOrEqual(0);
    expect(answeredAt).toBeGreaterThan(mergedAt);
    // The one answer says why, once: no access, nothing done.
    expect(replies[0]?.body).toContain("you have no access to this repository");
    expect(replies[0]?.body).toContain("Nothing was changed");
    // For the attacker's comment: one permission question and one reply, nothing else.
    const forSpam = gh()
      .requests.slice(requestsBefore)
      .filter((request) => request.route === permissionRoute && request.path.endsWith("/mallory/permission"));
    expect(forSpam).toHaveLength(1);
    const decisions = await life.tunnel.pitwall.sql.query("select id from gate_decisions where source_comment_id = $1", [spam.id]);
    expect(decisions).toEqual([]);
    const audit = await life.tunnel.pitwall.sql.query("select id from audit_log where actor = 'mallory'");
    expect(audit).toEqual([]);
  });

  it("answers a comment of many invalid lines from a collaborator once, listing what was wrong and how many lines were not read", async () => {
    const design = await currentPull(life.tunnel, issueNumber);
    const lines = Array.from({ length: 120 }, (_, index) => (index % 2 === 0 ? "/frobnicate" : `/tier huge-${index}`));
    await say(life.tunnel, design.number, ["/reject", ...lines].join("\n"), "bob");
    const replies = repliesTo(design.number, "bob");
    expect(replies).toHaveLength(1);
    const body = replies[0]?.body ?? "";
    expect(body).toContain("`/reject` needs a reason");
    expect(body).toContain("`/frobnicate` is not a Pitwall command");
    expect(body).toContain("`/tier` needs `cheap`, `mid` or `frontier`");
    expect(body).toMatch(/at most \d+ command lines of a comment are read; \d+ more were not/);
    expect(body.length).toBeLessThan(65_536);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("awaiting_gate");
  });

  it("gathers the answers to several commands of one comment in one reply", async () => {
    await say(life.tunnel, issueNumber, "/retry\n/tier frontier\n/resume\n/resume", "carol");
    const replies = repliesTo(issueNumber, "carol");
    expect(replies).toHaveLength(1);
    const body = replies[0]?.body ?? "";
    expect(body).toContain("`/retry` re-runs a failed or escalated pass");
    expect(body).toContain("uses the `frontier` tier");
    // The same command twice in one comment is read once.
    expect(body.match(/the work item is not paused/g)).toHaveLength(1);
  });

  it("never answers a comment again when its webhook comes back under new delivery ids", async () => {
    const design = await currentPull(life.tunnel, issueNumber);
    const comment = gh().comment(repo, design.number, "/frobnicate\n/deploy\n/approve now", { by: "mallory" });
    await life.tunnel.settle();
    const answered = repliesTo(design.number, "mallory").length;
    expect(answered).toBe(1);
    const original = capturedDelivery(comment.id, "created");
    for (let replay = 0; replay < 5; replay += 1) {
      const delivered = await gh().deliver("issue_comment", undefined, original.payload);
      expect(delivered.status).toBe(200);
    }
    await life.tunnel.settle();
    expect(repliesTo(design.number, "mallory")).toHaveLength(answered);
  });

  it("answers edits that add commands once per comment, however often it is edited or its edits replayed", async () => {
    const comment = gh().comment(repo, issueNumber, "Thoughts below.", { by: "bob" });
    await life.tunnel.settle();
    const before = repliesTo(issueNumber, "bob").length;
    for (let edit = 1; edit <= 4; edit += 1) {
      githubOffsetMs += 5_000;
      gh().editComment(repo, comment.id, `Thoughts below.\n${Array.from({ length: edit }, (_, index) => `/frobnicate${"x".repeat(index)}`).join("\n")}`, { by: "bob" });
      await life.tunnel.settle();
    }
    const edited = capturedDelivery(comment.id, "edited");
    await gh().deliver("issue_comment", undefined, edited.payload);
    await life.tunnel.settle();
    const replies = repliesTo(issueNumber, "bob").slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("edits do not run commands");
  });
});

describe("one person's comments in order", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("runs a /pause and the /resume written after it in that order, even when GitHub is slow to answer about the first", async () => {
    const gh = life.tunnel.github;
    // GitHub is slow to say what carol may do for her first comment only; her second comment must
    // still wait for the first, or her /resume would run before her /pause.
    const slow = new Promise<void>((resolve) => setTimeout(resolve, 1_500));
    gh.injectFault({ method: "GET", route: permissionRoute, params: { username: "carol" }, times: 1, until: slow });
    gh.comment(repo, issueNumber, "/pause", { by: "carol" });
    gh.comment(repo, issueNumber, "/resume", { by: "carol" });
    await life.tunnel.settle();
    const actions = await life.tunnel.pitwall.sql.query<{ action: string }>("select action from audit_log where actor = 'carol' order by id");
    expect(actions.map((row) => row.action)).toEqual(["paused", "resumed"]);
    expect((await workItemOf(life.tunnel, issueNumber)).state).not.toBe("paused");
  });
});
