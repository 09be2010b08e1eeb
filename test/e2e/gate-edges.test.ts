import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPull, repo, say, startLifecycle, statusCard, workItemOf, type Lifecycle } from "../../src/windtunnel/lifecycle-scenario.ts";
import { scriptedAgentReply } from "../../src/windtunnel/scripted-agents.ts";
import { commentsOn, pullsIn } from "../support/world-queries.ts";

describe("an iteration that changes nothing", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    // A model that ignores the feedback and submits the same spec again.
    let first: ReturnType<typeof scriptedAgentReply> | undefined;
    life.tunnel.anthropic.setResponder((request) => (first ??= scriptedAgentReply(request)));
    const gh = life.tunnel.github;
    issueNumber = gh.createIssue(repo, { title: "Add dark mode", body: "Users want a dark theme.", author: "alice" }).number;
    gh.addLabel(repo, issueNumber, "pitwall:feature", { by: "alice" });
    await life.tunnel.settle();
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, spec.number, "/reject Cover the OS setting changing at run time.", "carol");
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("goes to a person at once instead of iterating again", async () => {
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "escalated", iteration: 2 });
    expect(life.tunnel.anthropic.requests).toHaveLength(2);
    expect(statusCard(life.tunnel, issueNumber)).toContain("iteration 2 produced no change; running it again would only spend money");
    const issue = [...life.tunnel.github.state.issues.values()].find((candidate) => candidate.number === issueNumber);
    const labels = [...(issue?.labelIds ?? [])].map((id) => life.tunnel.github.state.labels.get(id)?.name);
    expect(labels).toContain("pitwall:needs-human");
  });
});

describe("a gate met while branch protection still says no", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let refusedCard = "";

  beforeAll(async () => {
    life = await startLifecycle({ protect: { requiredStatusChecks: ["pitwall/gate"], requiredApprovingReviews: 1 } });
    const gh = life.tunnel.github;
    issueNumber = gh.createIssue(repo, { title: "Add dark mode", body: "Users want a dark theme.", author: "alice" }).number;
    gh.addLabel(repo, issueNumber, "pitwall:feature", { by: "alice" });
    await life.tunnel.settle();
    const spec = await currentPull(life.tunnel, issueNumber);
    // A comment meets Pitwall's gate, but GitHub wants a review: the merge is refused.
    await say(life.tunnel, spec.number, "/approve", "carol");
    refusedCard = statusCard(life.tunnel, issueNumber);
    gh.review(repo, spec.number, { by: "carol", event: "APPROVE" });
    await life.tunnel.settle();
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("keeps the pass at its gate with GitHub's reason, then merges once GitHub allows it", async () => {
    expect(refusedCard).toContain("**State:** 🚦 awaiting gate — GitHub refused the merge of #2");
    const spec = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/spec"));
    expect(spec?.merged).toBe(true);
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("design");
    expect(commentsOn(life.tunnel.github, repo, issueNumber).some((comment) => comment.body.includes("does not require"))).toBe(false);
  });
});
