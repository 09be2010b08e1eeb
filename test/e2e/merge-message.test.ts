import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPull, labelNewIssue, repo, say, startLifecycle, workItemOf, type Lifecycle } from "../../windtunnel/index.ts";
import { issueByNumber } from "../support/world-queries.ts";

// Issue 13: what Pitwall writes is data. A pass PR's title carries the issue's title, and GitHub's
// default merge-commit message is the PR's title; an issue titled "…, closes #N" would then close
// issue N when the pass merges into the default branch. Pitwall writes the merge message itself.

describe("a closing keyword in the issue's title", () => {
  let life: Lifecycle;
  let other: number;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    other = life.tunnel.github.createIssue(repo, { title: "Keep the launch pad clean", body: "Unrelated work that stays open.", author: "carol" }).number;
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: `Add dark mode, closes #${other}`, body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, spec.number, "/approve", "carol");
    await life.tunnel.settle();
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("does not close the other issue when the pass merges, and the merge commit names the pass", async () => {
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("design");
    expect(issueByNumber(life.tunnel.github, repo, other).state).toBe("open");
    const merges = [...life.tunnel.github.state.commits.values()].filter((commit) => commit.parents.length === 2);
    expect(merges.length).toBe(1);
    expect(merges[0]?.message).toContain(`pitwall: merge spec for #${issueNumber}`);
    expect(merges[0]?.message).not.toContain(`#${other}`);
  });
});
