import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedAgentReply, driveToDone, labelNewIssue, type Lifecycle, mergedPassPulls, repo, say, startLifecycle, statusCard, workItemOf } from "../../windtunnel/index.ts";
import { checkRunsNamed, commentsOn, issueByNumber, pullsIn } from "../support/world-queries.ts";

describe("the refactor workflow, label to done", () => {
  let life: Lifecycle;
  let issueNumber: number;
  const verifyHeads: string[] = [];

  beforeAll(async () => {
    life = await startLifecycle({ protect: { requiredStatusChecks: ["pitwall/gate", "ci/test"] } });
    const gh = life.tunnel.github;
    issueNumber = gh.createIssue(repo, { title: "Split the launch module", body: "launch.ts mixes parsing and IO; split them.", author: "alice" }).number;
    gh.addLabel(repo, issueNumber, "pitwall:refactor", { by: "alice" });
    // The scope gate is approved with a PR review instead of a comment; at verify, alice pushes
    // a fix-up first, so the verifiers must run again on the new head.
    let pushed = false;
    await driveToDone(life.tunnel, issueNumber, "carol", async (pull) => {
      if (pull.passId === "verify" && !pushed) {
        pushed = true;
        verifyHeads.push(pull.headSha);
        verifyHeads.push(gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/verify`, files: { "docs/work/notes.md": "a reviewer's note\n" }, by: "alice" }));
        await life.tunnel.settle();
        return true;
      }
      if (pull.passId !== "scope") return false;
      gh.review(repo, pull.number, { by: "bob", event: "APPROVE" });
      gh.review(repo, pull.number, { by: "carol", event: "APPROVE" });
      await life.tunnel.settle();
      return true;
    });
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("ran scope → implement → verify and closed the issue", async () => {
    expect(mergedPassPulls(life.tunnel)).toEqual(["scope", "implement", "verify"]);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
    expect(issueByNumber(life.tunnel.github, repo, issueNumber).state).toBe("closed");
  });

  it("counted carol's approving review as /approve, and not bob's (read access)", async () => {
    const decisions = await life.tunnel.pitwall.sql.query<{ actor: string; decision: string; source: string }>("select actor, decision, source from gate_decisions order by id");
    expect(decisions.slice(0, 2)).toEqual([
      { actor: "bob", decision: "refused", source: "review" },
      { actor: "carol", decision: "approve", source: "review" },
    ]);
    const scope = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/scope"));
    expect(commentsOn(life.tunnel.github, repo, scope!.number).map((comment) => comment.body)).toContainEqual(expect.stringContaining("@bob your approving review was not counted"));
  });

  it("ran the verifiers again on the head a person pushed, and merged that head", () => {
    const runsOn = (sha: string | undefined) => checkRunsNamed(life.tunnel.github, "pitwall/test-reviewer").filter((run) => run.headSha === sha).map((run) => run.conclusion);
    expect(verifyHeads).toHaveLength(2);
    expect(runsOn(verifyHeads[0])).toEqual(["success"]);
    expect(runsOn(verifyHeads[1])).toEqual(["success"]);
    const verify = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/verify"));
    expect(verify).toMatchObject({ merged: true, headSha: verifyHeads[1] });
  });

  it("gated implement on the check branch protection requires", () => {
    const implement = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/implement"));
    const gate = [...life.tunnel.github.state.checkRuns.values()].find((run) => run.name === "pitwall/gate" && run.headSha === implement?.headSha);
    expect(gate?.output.summary).toContain("check `ci/test` passed");
  });

  it("told the admin that the gate check is not pinned to Pitwall, but not that it is missing", () => {
    const card = statusCard(life.tunnel, issueNumber);
    expect(card).toContain("require `pitwall/gate` from any app instead of the Pitwall app");
    expect(card).not.toContain("the status check `pitwall/gate`");
  });
});

describe("the docs workflow, from a plain `pitwall` label", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let proposalCard = "";
  let requestsBeforeChoice = 0;
  let verdicts = 0;

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall", { title: "Document the config file", body: "The README does not say which keys the config file takes." });
    proposalCard = statusCard(life.tunnel, issueNumber);
    requestsBeforeChoice = life.tunnel.anthropic.requests.length;
    // The documenter fails the first draft once; the pass is sent back with its findings.
    life.tunnel.anthropic.setResponder((request) => {
      if (!JSON.stringify(request.body).includes("submit_verdict") || verdicts++ > 0) return scriptedAgentReply(request);
      return { toolCalls: [{ name: "submit_verdict", input: { verdict: "fail", summary: "The draft never names the `retries` key.", findings: [{ path: "docs/document-the-config-file.md", line: 3, severity: "error", message: "Missing key: retries" }] } }] };
    });
    // A reader cannot choose; a writer can, and may choose another workflow than proposed.
    await say(life.tunnel, issueNumber, "/workflow docs", "bob");
    await say(life.tunnel, issueNumber, "/workflow docs", "carol");
    await driveToDone(life.tunnel, issueNumber, "carol");
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("had the analyst propose a workflow on the cheap tier, and started nothing", () => {
    expect(requestsBeforeChoice).toBe(1);
    const analystCall = life.tunnel.anthropic.requests[0]?.body as { model: string; tools: { name: string }[] };
    expect(analystCall.model).toBe("claude-haiku-4-5");
    expect(analystCall.tools.map((tool) => tool.name)).toEqual(["propose_workflow"]);
    expect(proposalCard).toContain("**State:** 💡 workflow proposed");
    const proposal = commentsOn(life.tunnel.github, repo, issueNumber).find((comment) => comment.body.includes("The analyst proposes"));
    expect(proposal?.body).toContain("Reply `/workflow feature` to start it");
  });

  it("refused /workflow from a reader and started the docs workflow for a writer", async () => {
    const replies = commentsOn(life.tunnel.github, repo, issueNumber).filter((comment) => comment.body.startsWith("@bob"));
    expect(replies.map((comment) => comment.body)).toEqual([expect.stringContaining("your `/workflow` was not counted: it needs write permission")]);
    const item = await workItemOf(life.tunnel, issueNumber);
    expect(item).toMatchObject({ workflow: "docs", state: "done" });
    expect(mergedPassPulls(life.tunnel)).toEqual(["write", "review"]);
  });

  it("names in the audit trail who started the work item and that /workflow overrode the analyst's proposal", async () => {
    const item = await workItemOf(life.tunnel, issueNumber);
    const audit = await life.tunnel.pitwall.sql.query<{ actor: string; action: string; detail: string | null }>("select actor, action, detail from audit_log where work_item_id = $1 order by id", [item.id]);
    expect(audit[0]).toEqual({ actor: "alice", action: "started", detail: "the analyst proposes a workflow (label pitwall)" });
    expect(audit.filter((entry) => entry.action === "/workflow docs")).toEqual([{ actor: "carol", action: "/workflow docs", detail: "overrode the analyst's proposal: feature" }]);
    expect(statusCard(life.tunnel, issueNumber)).toContain("| carol | /workflow docs: overrode the analyst's proposal: feature |");
  });

  it("sent the write pass back when its verifier failed, with the findings, on the same PR", async () => {
    const item = await workItemOf(life.tunnel, issueNumber);
    const runs = await life.tunnel.pitwall.sql.query<{ iteration: number; trigger: string }>("select iteration, trigger from pass_runs where work_item_id = $1 and pass_id = 'write' order by iteration", [item.id]);
    expect(runs).toEqual([
      { iteration: 1, trigger: "first" },
      { iteration: 2, trigger: "verifier_failed" },
    ]);
    const rework = life.tunnel.anthropic.requests.map((request) => JSON.stringify(request.body)).find((body) => body.includes("feedback on your previous iteration"));
    expect(rework).toContain("Missing key: retries");
    const write = pullsIn(life.tunnel.github, repo).filter((pull) => pull.headRef.endsWith("/write"));
    expect(write).toHaveLength(1);
    const verifierChecks = checkRunsNamed(life.tunnel.github, "pitwall/documenter").filter((run) => run.externalId?.includes(":write:"));
    expect(verifierChecks.map((run) => run.conclusion)).toEqual(["failure", "success"]);
  });

  // Issue 14: the verifier's "Files changed by the pass: docs/…" line read as `pass: <password>`.
  it("showed the documenter the changed files by path and redacted nothing, since the run holds no secret", async () => {
    const verifierPrompts = life.tunnel.anthropic.requests.map((request) => JSON.stringify(request.body)).filter((body) => body.includes("You are verifying pass"));
    expect(verifierPrompts.length).toBeGreaterThan(0);
    for (const prompt of verifierPrompts) {
      expect(prompt).toContain("Files changed by the pass: docs/document-the-config-file.md");
      expect(prompt).not.toContain("[REDACTED:");
    }
    const item = await workItemOf(life.tunnel, issueNumber);
    const audit = await life.tunnel.pitwall.sql.query<{ action: string; detail: string | null }>("select action, detail from audit_log where work_item_id = $1 order by id", [item.id]);
    expect(audit.filter((entry) => entry.action.startsWith("redacted"))).toEqual([]);
  });

  it("wrote documentation outside the artifact folder and told the admin the branch is unprotected", () => {
    expect(life.tunnel.github.readFile(repo, "main", "docs/document-the-config-file.md")).toContain("Document the config file");
    expect(statusCard(life.tunnel, issueNumber)).toContain("Branch `main` has no branch protection");
  });
});
