import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRunsNamed, commentsOn, issueByNumber, pullsIn } from "../support/world-queries.ts";
import { currentPull, driveToDone, labelNewIssue, type Lifecycle, mergedPassPulls, repo, say, startLifecycle, workItemOf } from "../../windtunnel/index.ts";

// The security workflow from label to done: every gate is human and refuses the person who
// started the work item; the patch's approval goes stale when someone pushes to its PR; the
// patch is merged by a person (merge: human).

describe("the security workflow, label to done", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let patchNumber = 0;
  let staleSummary = "";
  let patchCheckAfterApproval = "";

  beforeAll(async () => {
    life = await startLifecycle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:security", { title: "Token leaks into logs", body: "The session token is written to the access log." });
    // The initiator's own approval does not count.
    const diagnose = await currentPull(life.tunnel, issueNumber);
    await say(life.tunnel, diagnose.number, "/approve", "alice");

    let pushed = false;
    await driveToDone(life.tunnel, issueNumber, "carol", async (pull) => {
      if (pull.passId !== "patch") return false;
      patchNumber = pull.number;
      const gate = () => checkRunsNamed(life.tunnel.github, "pitwall/gate").filter((run) => run.headSha === pull.headSha);
      if (!pushed) {
        await say(life.tunnel, pull.number, "/approve", "carol");
        patchCheckAfterApproval = gate()[0]?.conclusion ?? "pending";
        // Alice pushes a fix-up to the approved PR: the approval is for another commit now.
        life.tunnel.github.pushFiles(repo, { branch: `pitwall/${issueNumber}/patch`, files: { "src/redact.ts": "export const redact = (s: string) => s.replace(/token=\\w+/, 'token=***');\n" }, by: "alice", message: "Redact tokens" });
        await life.tunnel.settle();
        pushed = true;
        const fresh = await currentPull(life.tunnel, issueNumber);
        staleSummary = checkRunsNamed(life.tunnel.github, "pitwall/gate").find((run) => run.headSha === fresh.headSha)?.output.summary ?? "";
        return true;
      }
      if (gate()[0]?.conclusion === "success") {
        // merge: human — the gate is met; a person merges.
        life.tunnel.github.mergePullRequest(repo, pull.number, { by: "carol", sha: pull.headSha });
        await life.tunnel.settle();
        return true;
      }
      return false;
    });
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("ran every pass, including compliance capture, and closed the issue", async () => {
    expect(mergedPassPulls(life.tunnel)).toEqual(["diagnose", "patch", "verify", "compliance", "deploy", "post-incident"]);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
    expect(issueByNumber(life.tunnel.github, repo, issueNumber).state).toBe("closed");
  });

  it("refused the initiator's approval with the reason and recorded it", async () => {
    const diagnose = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/diagnose"))!;
    const reply = commentsOn(life.tunnel.github, repo, diagnose.number).find((comment) => comment.body.startsWith("@alice"));
    expect(reply?.body).toContain("needs an approver other than @alice, who started the work item");
    const decisions = await life.tunnel.pitwall.sql.query<{ actor: string; decision: string }>("select actor, decision from gate_decisions order by id limit 2");
    expect(decisions).toEqual([
      { actor: "alice", decision: "refused" },
      { actor: "carol", decision: "approve" },
    ]);
  });

  it("made the patch approval stale on a new push and showed what changed", () => {
    expect(patchCheckAfterApproval).toBe("success");
    expect(staleSummary).toContain("approvals on earlier commits went stale: @carol");
    expect(staleSummary).toContain("**Changed since the last approval**");
    expect(staleSummary).toContain("`src/redact.ts`");
    expect(staleSummary).toMatch(/\[compare\]\(https:\/\/github\.com\/acme\/rocket\/compare\//);
  });

  it("let a person merge the patch and carried on from that merge", async () => {
    const patch = pullsIn(life.tunnel.github, repo).find((pull) => pull.number === patchNumber);
    expect(patch?.merged).toBe(true);
    expect(life.tunnel.github.readFile(repo, "main", "src/redact.ts")).toContain("token=***");
    const audit = await life.tunnel.pitwall.sql.query<{ actor: string; action: string }>("select actor, action from audit_log where action like 'merged #%' order by id");
    expect(audit.find((entry) => entry.action === `merged #${patchNumber}`)?.actor).toBe("carol");
  });

  it("sent nothing GitHub would have rejected", () => {
    expect(life.tunnel.github.violations).toEqual([]);
  });
});
