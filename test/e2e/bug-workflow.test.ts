import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRunsNamed, commentsOn, issueByNumber, pullsIn } from "../support/world-queries.ts";
import { driveToDone, labelNewIssue, type Lifecycle, mergedPassPulls, repo, say, startLifecycle, statusCard, workItemOf } from "../../windtunnel/index.ts";

// The bug workflow from label to done: diagnose is rejected until it escalates (one tier up,
// then a person), the patch fails CI once and is fixed on the next iteration, deploy goes to
// production, and post-incident opens the deferred documentation issue.

describe("the bug workflow, label to done", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let escalatedCard = "";
  let diagnoseModels: string[] = [];

  beforeAll(async () => {
    life = await startLifecycle();
    life.failCiOnceOn.add("/patch");
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:bug", { title: "Launch crashes on empty config", body: "Starting with an empty config file crashes with a TypeError." });
    await driveToDone(life.tunnel, issueNumber, "carol", async (pull) => {
      if (pull.passId !== "diagnose") return false;
      const item = await workItemOf(life.tunnel, issueNumber);
      if (item.state === "awaiting_gate" && pull.iteration <= 4) {
        await say(life.tunnel, pull.number, `/reject The root cause is still a guess (iteration ${pull.iteration}).`, "carol");
        if (pull.iteration === 4) escalatedCard = statusCard(life.tunnel, issueNumber);
        return true;
      }
      return false;
    }).catch(async (error: unknown) => {
      // Escalation stops the drive: a person takes over and approves the last diagnosis.
      const item = await workItemOf(life.tunnel, issueNumber);
      if (item.state !== "escalated") throw error;
      escalatedCard = statusCard(life.tunnel, issueNumber);
      diagnoseModels = life.tunnel.anthropic.requests.map((request) => (request.body as { model: string }).model);
      const diagnosePr = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/diagnose"));
      await say(life.tunnel, diagnosePr!.number, "/approve", "carol");
      await driveToDone(life.tunnel, issueNumber, "carol");
    });
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("ran every pass and closed the issue", async () => {
    expect(mergedPassPulls(life.tunnel)).toEqual(["diagnose", "patch", "verify", "deploy", "post-incident"]);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
    expect(issueByNumber(life.tunnel.github, repo, issueNumber).state).toBe("closed");
  });

  it("stepped the tier up once after max_iterations, then handed diagnose to a person", () => {
    // Iterations 1–3 on the diagnostician's mid tier, iteration 4 one tier up.
    expect(diagnoseModels.slice(0, 4)).toEqual(["claude-sonnet-4-6", "claude-sonnet-4-6", "claude-sonnet-4-6", "claude-opus-4-6"]);
    expect(escalatedCard).toContain("**State:** 🙋 needs a person");
    expect(escalatedCard).toContain("the gate sent the pass back 4 times (max_iterations 3)");
    const handOff = commentsOn(life.tunnel.github, repo, issueNumber).find((comment) => comment.body.includes("Pitwall needs a person on pass `diagnose`"));
    expect(handOff?.body).toContain("@alice");
    // The label went on at the hand-off and came off when carol approved.
    const labelEvents = life.tunnel.github.state.deliveries.filter((delivery) => delivery.event === "issues" && (delivery.payload as { issue: { number: number } }).issue.number === issueNumber && (delivery.action === "labeled" || delivery.action === "unlabeled"));
    expect(labelEvents.map((delivery) => `${delivery.action ?? ""}:${String((delivery.payload as { label?: { name: string } }).label?.name)}`)).toEqual(["labeled:pitwall:bug", "labeled:pitwall:needs-human", "unlabeled:pitwall:needs-human"]);
  });

  it("sent the CI failure back to the implementer on the same PR and merged the fix", async () => {
    const patch = pullsIn(life.tunnel.github, repo).filter((pull) => pull.headRef.endsWith("/patch"));
    expect(patch).toHaveLength(1);
    const prompts = life.tunnel.anthropic.requests.map((request) => JSON.stringify(request.body));
    // The failure reached the implementer's second iteration (every turn of its tool loop), and only it.
    const withFailure = prompts.filter((body) => body.includes("expected launch() to return 2, got 1"));
    expect(withFailure.length).toBeGreaterThan(0);
    expect(withFailure.every((body) => body.includes("The repository's CI failed on your previous iteration"))).toBe(true);
    const item = await workItemOf(life.tunnel, issueNumber);
    const runs = await life.tunnel.pitwall.sql.query<{ iteration: number; trigger: string; state: string; head_sha: string }>("select iteration, trigger, state, head_sha from pass_runs where work_item_id = $1 and pass_id = 'patch' order by iteration", [item.id]);
    const ciOf = (sha: string | undefined) => [...life.tunnel.github.state.checkRuns.values()].filter((run) => run.name === "ci/test" && run.headSha === sha).map((run) => run.conclusion);
    expect(ciOf(runs[0]?.head_sha)).toEqual(["failure"]);
    expect(ciOf(runs[1]?.head_sha)).toEqual(["success"]);
    expect(runs.map(({ head_sha: _sha, ...rest }) => rest)).toEqual([
      { iteration: 1, trigger: "first", state: "superseded" },
      { iteration: 2, trigger: "ci_failed", state: "merged" },
    ]);
  });

  it("deployed to production and opened the deferred documentation issue", () => {
    const deploy = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/deploy"));
    expect(life.deployments).toEqual([{ environment: "production", sha: deploy?.headSha }]);
    const followUp = [...life.tunnel.github.state.issues.values()].find((issue) => issue.title.startsWith(`Document the fix for #${issueNumber}`));
    expect(followUp?.body).toContain(`#${issueNumber}`);
    expect(statusCard(life.tunnel, issueNumber)).toContain(`follow-up #${followUp?.number}`);
  });

  it("left every gate check run green on the merged heads", () => {
    for (const pull of pullsIn(life.tunnel.github, repo).filter((candidate) => candidate.merged)) {
      const gate = checkRunsNamed(life.tunnel.github, "pitwall/gate").filter((run) => run.headSha === pull.headSha);
      expect(gate.map((run) => run.conclusion)).toEqual(["success"]);
    }
  });

  it("sent nothing GitHub would have rejected", () => {
    expect(life.tunnel.github.violations).toEqual([]);
  });
});
