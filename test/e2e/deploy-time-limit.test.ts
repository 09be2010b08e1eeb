import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPull, labelNewIssue, repo, say, startLifecycle, statusCard, workItemOf, type Lifecycle } from "../../windtunnel/index.ts";
import { checkRunsNamed, issueByNumber, pullsIn } from "../support/world-queries.ts";

// A deploy pass waits for the repository's deploy system to answer Pitwall's deployment with a
// final status (issue 14, point 6). When nothing answers within the pass's time limit (60 minutes
// unless `deploy.timeout_minutes` says otherwise) the gate says so and a person is asked to act;
// a late success still opens the gate.

const shipWorkflow = `---
name: ship
version: 1
label: pitwall:ship
description: Deploy a change to staging.
priority: 60
forecast_usd: 0.5
passes:
  - id: release
    agent: deployer
    description: The change → staging, with the signal to watch.
    inputs: [issue]
    outputs: [deployment.md]
    deploy:
      environment: staging
    gate: { kind: human, criteria: ["The staging deployment succeeded."], approvers: write, required_approvals: 1, max_iterations: 2, merge: auto }
---

# Ship
`;

describe("a deploy pass whose deploy system never answers", () => {
  let life: Lifecycle;
  let issueNumber: number;
  // The app's clock: moved on past the time limit by the test; the fake GitHub keeps real time.
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  const labels = () => issueByNumber(life.tunnel.github, repo, issueNumber).labelIds.map((id) => life.tunnel.github.state.labels.get(id)?.name);
  const gateSummary = async () => {
    const pull = await currentPull(life.tunnel, issueNumber);
    const gate = checkRunsNamed(life.tunnel.github, "pitwall/gate").filter((run) => run.headSha === pull.headSha).at(-1);
    return gate?.output.summary ?? "(no pitwall/gate)";
  };
  const moveClockOn = async (minutes: number) => {
    offsetMs += minutes * 60_000;
    life.tunnel.pitwall.worker.wake();
    await life.tunnel.settle();
  };

  beforeAll(async () => {
    life = await startLifecycle({ clock, deploySystem: "silent" });
    life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall/workflows/ship.md": shipWorkflow } });
    await life.tunnel.settle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:ship", { title: "Ship the launch fix", body: "Deploy it to staging." });
    await say(life.tunnel, issueNumber, "/approve", "carol");
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("waits while the time limit runs: the gate says the deployment has not succeeded yet", async () => {
    expect(life.deployments).toHaveLength(1);
    // (The tunnel waits for jobs due within a minute, so the test stops short of that.)
    await moveClockOn(58);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("awaiting_gate");
    expect(await gateSummary()).toContain("the deployment to `staging` has not succeeded yet");
    expect(labels()).not.toContain("pitwall:needs-human");
  });

  it("after 60 minutes without a final status the gate says so and a person is asked, with what to do", async () => {
    await moveClockOn(3);
    const item = await workItemOf(life.tunnel, issueNumber);
    expect(item.state).toBe("escalated");
    const missing = "no deploy system answered for the deployment to `staging` within 60 minutes: a deploy system must post a deployment status (success, failure or error)";
    expect(await gateSummary()).toContain(missing);
    expect(labels()).toContain("pitwall:needs-human");
    const card = statusCard(life.tunnel, issueNumber);
    expect(card).toContain("no deploy system answered for the deployment");
    expect(card).toContain("a late success still opens the gate");
    // Still one deployment: the time limit asks a person, it does not deploy again.
    expect(life.deployments).toHaveLength(1);
  });

  it("a late success opens the gate: the pass merges and the flag for a person is taken off", async () => {
    const deployment = [...life.tunnel.github.state.deployments.values()].find((candidate) => candidate.environment === "staging");
    if (!deployment) throw new Error("no deployment to staging");
    life.tunnel.github.setDeploymentStatus(repo, deployment.id, { state: "success", by: "deployer", environmentUrl: "https://staging.rocket.example" });
    await life.tunnel.settle();
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
    expect(pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/release"))?.merged).toBe(true);
    expect(labels()).not.toContain("pitwall:needs-human");
  });
});
