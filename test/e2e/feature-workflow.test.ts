import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRunsNamed, commentsOn, issueByNumber, pullsIn } from "../support/world-queries.ts";
import { driveToDone, labelNewIssue, type Lifecycle, mergedPassPulls, repo, say, startLifecycle, statusCard, workItemOf } from "../../windtunnel/index.ts";

// The feature workflow from label to done: spec (rejected once) → design → ir → validate-ir
// (agent gate) → implement (CI gate) → verify (both) → integrate (deploys to staging) → document.

describe("the feature workflow, label to done", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let gates: string[];
  let specRequests: number;

  beforeAll(async () => {
    life = await startLifecycle({ protect: { requiredStatusChecks: ["pitwall/gate"] } });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme that follows the OS setting." });
    let rejected = false;
    gates = await driveToDone(life.tunnel, issueNumber, "carol", async (pull) => {
      if (pull.passId !== "spec" || rejected) return false;
      rejected = true;
      specRequests = life.tunnel.anthropic.requests.length;
      await say(life.tunnel, pull.number, "/reject The acceptance criteria do not cover the OS setting changing while the app runs.", "carol");
      return true;
    });
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("ran every pass in order and closed the issue", async () => {
    expect(gates.filter((gate) => !gate.startsWith("spec#1"))).toEqual(["spec#2", "design#1", "ir#1", "verify#1", "integrate#1", "document#1"]);
    expect(mergedPassPulls(life.tunnel)).toEqual(["spec", "design", "ir", "validate-ir", "implement", "verify", "integrate", "document"]);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
    expect(issueByNumber(life.tunnel.github, repo, issueNumber).state).toBe("closed");
    expect(statusCard(life.tunnel, issueNumber)).toContain("**State:** ✅ done");
  });

  it("re-ran the rejected spec on the same PR with the reason as feedback", () => {
    const specPulls = pullsIn(life.tunnel.github, repo).filter((pull) => pull.headRef.endsWith("/spec"));
    expect(specPulls).toHaveLength(1);
    const rerun = life.tunnel.anthropic.requests[specRequests];
    expect(JSON.stringify(rerun?.body)).toContain("feedback on your previous iteration");
    expect(JSON.stringify(rerun?.body)).toContain("do not cover the OS setting changing");
    expect(JSON.stringify(rerun?.body)).toContain("your previous iteration's spec.md");
    // Iteration 1's gate check was closed as sent back; iteration 2 has its own, which passed.
    const specGates = checkRunsNamed(life.tunnel.github, "pitwall/gate").filter((run) => run.externalId?.includes(":spec:"));
    expect(specGates.map((run) => [run.conclusion, run.output.title])).toEqual([
      ["neutral", "Sent back: iteration 2 follows"],
      ["success", "Gate met"],
    ]);
    expect(statusCard(life.tunnel, issueNumber)).toMatch(/carol \| spec sent back \(rejected\): @carol: The acceptance criteria/);
  });

  it("committed code in the implement pass and merged it when the repo's CI passed", () => {
    const implement = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/implement"));
    expect(implement?.merged).toBe(true);
    expect(life.tunnel.github.readFile(repo, "main", "src/add-dark-mode.ts")).toContain("export function enabled()");
    const ci = [...life.tunnel.github.state.checkRuns.values()].filter((run) => run.name === "ci/test" && run.headSha === implement?.headSha);
    expect(ci.map((run) => run.conclusion)).toEqual(["success"]);
  });

  it("ran the implementer as a tool loop over the repo at the pass's base commit", () => {
    const loop = life.tunnel.anthropic.requests.map((request) => request.body as { tools: { name: string }[]; messages: unknown[] }).filter((body) => body.tools.some((tool) => tool.name === "write_file"));
    // list_files → read_file → write_file → submit_artifacts, each answer handed back to the model.
    expect(loop).toHaveLength(4);
    expect(loop[0]?.tools.map((tool) => tool.name)).toEqual(["read_file", "list_files", "search_text", "write_file", "edit_file", "submit_artifacts"]);
    const last = JSON.stringify(loop[3]?.messages);
    expect(last).toContain('"content":"README.md\\ndocs/work/1-add-dark-mode/design.md');
    expect(last).toContain("export const launch = () => 1;");
    expect(last).toContain("wrote src/add-dark-mode.ts");
    // The stable prefix (system prompt and the first user turn) is marked for prompt caching on every turn; nothing after it.
    const marks = (body: { messages: unknown[] } | undefined) => (JSON.stringify(body?.messages).match(/"cache_control":\{"type":"ephemeral"\}/g) ?? []).length;
    expect(loop.map((body) => marks(body))).toEqual([1, 1, 1, 1]);
    expect(JSON.stringify(loop[3]?.messages[0])).toContain("cache_control");
  });

  it("ran the gate verifiers as check runs on the agent-gated passes", () => {
    const validateIr = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/validate-ir"));
    const verifierRuns = [...life.tunnel.github.state.checkRuns.values()].filter((run) => run.headSha === validateIr?.headSha && run.name.startsWith("pitwall/"));
    expect(verifierRuns.map((run) => [run.name, run.conclusion]).sort()).toEqual([
      ["pitwall/gate", "success"],
      ["pitwall/secrets", "success"],
      ["pitwall/security-reviewer", "success"],
      ["pitwall/test-reviewer", "success"],
      ["pitwall/test-tampering", "success"],
      ["pitwall/write-scope", "success"],
    ]);
    // Each verifier check run offers the Re-run and Escalate buttons.
    expect(verifierRuns.find((run) => run.name === "pitwall/test-reviewer")?.actions.map((action) => action.identifier)).toEqual(["rerun", "escalate"]);
  });

  it("deployed the integrate pass's head to staging before merging it", () => {
    const integrate = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef.endsWith("/integrate"));
    expect(life.deployments).toEqual([{ environment: "staging", sha: integrate?.headSha }]);
    const gate = checkRunsNamed(life.tunnel.github, "pitwall/gate").find((run) => run.headSha === integrate?.headSha);
    expect(gate?.output.summary).toContain("deployed to `staging` (https://staging.rocket.example)");
  });

  it("posted a cost summary on every pass PR", () => {
    for (const pull of pullsIn(life.tunnel.github, repo)) {
      const pass = pull.headRef.replace(/^pitwall\/\d+\//, "");
      expect(commentsOn(life.tunnel.github, repo, pull.number).some((comment) => comment.body.startsWith(`<!-- pitwall:cost:${pass}:`))).toBe(true);
    }
  });

  it("sent nothing GitHub would have rejected", () => {
    expect(life.tunnel.github.violations).toEqual([]);
  });

  it("has no open pass PR left", () => {
    expect(pullsIn(life.tunnel.github, repo).filter((pull) => pull.issue.state === "open")).toEqual([]);
  });
});
