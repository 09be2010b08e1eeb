import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPull, labelNewIssue, type Lifecycle, repo, say, startLifecycle, statusCard, workItemOf, scriptedAgentReply } from "../../windtunnel/index.ts";
import { commentsOn, pullsIn } from "../support/world-queries.ts";

describe("an iteration that changes nothing", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    // A model that ignores the feedback and submits the same spec again (the spec gate's verifier
    // answers as scripted).
    let first: ReturnType<typeof scriptedAgentReply> | undefined;
    const isVerifier = (request: Parameters<typeof scriptedAgentReply>[0]) => (request.body as { tools: { name: string }[] }).tools.some((tool) => tool.name === "submit_verdict");
    life.tunnel.anthropic.setResponder((request) => (isVerifier(request) ? scriptedAgentReply(request) : (first ??= scriptedAgentReply(request))));
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    const spec = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, spec.number, "/reject Cover the OS setting changing at run time.", "carol");
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("goes to a person at once instead of iterating again", async () => {
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "escalated", iteration: 2 });
    // The specifier, the product manager judging iteration 1, and the specifier's unchanged iteration 2.
    expect(life.tunnel.anthropic.requests).toHaveLength(3);
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
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
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

describe("an approval written before the pass PR moved", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let specNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme." });
    specNumber = (await currentPull(life.tunnel, issueNumber)).number;
    // Carol approves what she read; a second later alice pushes; GitHub delivers the push first.
    gh.pauseDeliveries();
    gh.comment(repo, specNumber, "/approve", { by: "carol" });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/spec`, files: { "docs/work/1-add-dark-mode/spec.md": "# Spec\n\nRewritten by alice.\n" }, by: "alice" });
    gh.resumeDeliveries("reversed");
    await life.tunnel.settle();
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("does not count it for the new commit, and says why", async () => {
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === specNumber)?.merged).toBe(false);
    expect(commentsOn(life.tunnel.github, repo, specNumber).at(-1)?.body).toMatch(/@carol your `\/approve` was not counted: it was written before `[0-9a-f]{7}` became the pull request's head/);
    await say(life.tunnel, specNumber, "/approve", "carol");
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.number === specNumber)?.merged).toBe(true);
    expect(life.tunnel.github.readFile(repo, "main", "docs/work/1-add-dark-mode/spec.md")).toContain("Rewritten by alice.");
  });
});

describe("switching workflow before the first gate", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let oldDiagnose: number;

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:bug", { title: "Token leaks into logs", body: "The session token is in the access log." });
    oldDiagnose = (await currentPull(life.tunnel, issueNumber)).number;
    await say(life.tunnel, issueNumber, "/workflow security", "carol");
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("closes the old pass PR and starts the new workflow's passes fresh, even where pass ids repeat", async () => {
    const old = pullsIn(life.tunnel.github, repo).find((pull) => pull.number === oldDiagnose);
    expect(old?.issue.state).toBe("closed");
    const diagnose = await currentPull(life.tunnel, issueNumber);
    expect(diagnose).toMatchObject({ passId: "diagnose", iteration: 1 });
    expect(diagnose.number).not.toBe(oldDiagnose);
    // The new PR starts from main, not from the old workflow's branch.
    const newPull = pullsIn(life.tunnel.github, repo).find((pull) => pull.number === diagnose.number);
    expect(life.tunnel.github.state.commits.get(newPull!.headSha)?.parents).toEqual([life.tunnel.github.state.repos.get(repo)!.refs.get("refs/heads/main")]);
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ workflow: "security", state: "awaiting_gate" });
    // The security gate applies: the initiator may not approve, carol may.
    await say(life.tunnel, diagnose.number, "/approve", "alice");
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("diagnose");
    await say(life.tunnel, diagnose.number, "/approve", "carol");
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("patch");
    expect(statusCard(life.tunnel, issueNumber)).toContain("| carol | /workflow security: from the bug workflow |");
  });
});
