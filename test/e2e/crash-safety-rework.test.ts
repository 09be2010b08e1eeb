// Crash safety (issue 16, point 3): an iteration after the first, stopped after its commit and
// retried, still counts that commit as its change (it is not sent back as "no change").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPull, labelNewIssue, type Lifecycle, repo, startLifecycle, workItemOf } from "../../windtunnel/index.ts";

describe("a second iteration stopped after its commit", () => {
  let life: Lifecycle;
  let issueNumber: number;
  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("is retried and waits at its gate with its own commit, not sent back for making no change", async () => {
    const gh = life.tunnel.github;
    const spec = await currentPull(life.tunnel, issueNumber);
    // Iteration 2 commits, then updating its PR fails once: the retry finds the commit already made.
    gh.injectFault({ method: "PATCH", route: "/repos/{owner}/{repo}/pulls/{pull_number}", respond: "server-error" });
    gh.comment(repo, spec.number, "/reject Cover the OS setting changing at run time.", { by: "carol" });
    await life.tunnel.settle();
    gh.clearFaults();
    expect(gh.requests.filter((request) => request.method === "PATCH" && request.status === 500)).toHaveLength(1);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec", iteration: 2 });
    const audit = await life.tunnel.pitwall.sql.query<{ detail: string | null }>("select detail from audit_log where work_item_id = (select id from work_items where issue_number = $1)", [issueNumber]);
    expect(audit.filter((entry) => entry.detail?.includes("produced no change"))).toEqual([]);
    const after = await currentPull(life.tunnel, issueNumber);
    expect(after).toMatchObject({ number: spec.number, iteration: 2 });
    expect(after.headSha).not.toBe(spec.headSha);
  });

  it("is retried after the branch moved to its commit but GitHub's answer was lost, and keeps that commit as its change", async () => {
    const gh = life.tunnel.github;
    const before = await currentPull(life.tunnel, issueNumber);
    gh.injectFault({ method: "PATCH", route: "/repos/{owner}/{repo}/git/refs/{ref}", respond: "lost-response" });
    gh.comment(repo, before.number, "/reject Say what happens with no OS setting at all.", { by: "carol" });
    await life.tunnel.settle();
    gh.clearFaults();
    expect(gh.requests.filter((request) => request.lost === true && request.method === "PATCH")).toHaveLength(1);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "spec", iteration: 3 });
    const after = await currentPull(life.tunnel, issueNumber);
    expect(after).toMatchObject({ number: before.number, iteration: 3 });
    expect(after.headSha).not.toBe(before.headSha);
    // Pitwall knows the commit as its own (separation of duties reads this).
    const own = await life.tunnel.pitwall.sql.query("select sha from pitwall_commits where sha = $1", [after.headSha]);
    expect(own).toHaveLength(1);
  });
});
