import { describe, expect, it } from "vitest";
import type { GateDefinition } from "../../src/definitions/workflow.schema.ts";
import { evaluateGate, summariseCi, type GateFacts } from "../../src/domain/evaluate-gate.ts";
import { renderGateSummary } from "../../src/orchestrator/gate-summary.ts";

const gate = (changes: Partial<GateDefinition> = {}): GateDefinition => ({
  kind: "human",
  criteria: ["It is right."],
  verifiers: [],
  approvers: "write",
  required_approvals: 1,
  max_iterations: 3,
  escalation: "step_up_then_human",
  merge: "auto",
  ...changes,
});

const head = "b".repeat(40);
const facts = (changes: Partial<GateFacts> = {}): GateFacts => ({
  gate: gate(),
  headSha: head,
  outputs: [{ name: "spec.md", status: "ok" }],
  approvals: [{ actor: "carol", commitSha: head, source: "comment" }],
  verifiers: [],
  errors: [],
  ...changes,
});

describe("evaluateGate", () => {
  it("is met when every requirement holds", () => {
    expect(evaluateGate(facts())).toMatchObject({ met: true, missing: [], title: "Gate met" });
  });

  // Gates fail closed: each of these keeps the gate pending, with the reason.
  it.each<[string, Partial<GateFacts>, string]>([
    ["a missing output", { outputs: [{ name: "spec.md", status: "missing" }] }, "output `spec.md` is missing"],
    ["an empty output", { outputs: [{ name: "spec.md", status: "empty" }] }, "output `spec.md` is empty"],
    ["no declared outputs", { outputs: [] }, "the pass declares no outputs to check"],
    ["an error while gathering facts", { errors: ["reading spec.md: HTTP 502"] }, "an error kept the gate closed: reading spec.md: HTTP 502"],
    ["no approval", { approvals: [] }, "1 approval at `bbbbbbb`"],
    ["an approval on an earlier commit", { approvals: [{ actor: "carol", commitSha: "a".repeat(40), source: "review" }] }, "approvals on earlier commits went stale: @carol"],
    ["the same person approving twice for two approvals", { gate: gate({ required_approvals: 2 }), approvals: [{ actor: "carol", commitSha: head, source: "comment" }, { actor: "Carol", commitSha: head, source: "review" }] }, "1 approval at"],
    ["a verifier that has not reported", { gate: gate({ kind: "agent", verifiers: ["code-reviewer"] }), approvals: [], verifiers: [{ name: "code-reviewer", conclusion: null }] }, "verifier `code-reviewer` has not reported yet"],
    ["a verifier without a verdict", { gate: gate({ kind: "agent", verifiers: ["code-reviewer"] }), verifiers: [{ name: "code-reviewer", conclusion: "neutral" }] }, "verifier `code-reviewer` reported no verdict"],
    ["a failed verifier", { gate: gate({ kind: "both", verifiers: ["code-reviewer"] }), verifiers: [{ name: "code-reviewer", conclusion: "failure", summary: "no tests" }] }, "verifier `code-reviewer` failed: no tests"],
    ["an agent gate naming no verifier", { gate: gate({ kind: "agent" }) }, "names no verifier"],
    ["CI that has not reported", { gate: gate({ kind: "ci" }), ci: { required: undefined, checks: [] } }, "no CI check has reported on this commit yet"],
    ["a required check that has not reported", { gate: gate({ kind: "ci" }), ci: { required: ["build"], checks: [{ name: "lint", status: "completed", conclusion: "success" }] } }, "required check `build` has not reported"],
    ["CI still running", { gate: gate({ kind: "ci" }), ci: { required: undefined, checks: [{ name: "build", status: "in_progress", conclusion: null }] } }, "check `build` is in progress"],
    ["failed CI", { gate: gate({ kind: "ci" }), ci: { required: undefined, checks: [{ name: "build", status: "completed", conclusion: "failure" }] } }, "check `build` ended in failure"],
    ["CI that could not be read", { gate: gate({ kind: "ci" }), ci: undefined }, "the repo's checks could not be read"],
    ["a deployment without status", { deployment: { environment: "staging", state: null, timeoutMinutes: 60 } }, "has not succeeded yet (no status)"],
    ["a failed deployment", { deployment: { environment: "production", state: "failure", timeoutMinutes: 60 } }, "the deployment to `production` ended in failure"],
    [
      "a deployment no deploy system answered in time",
      { deployment: { environment: "staging", state: "timed_out", timeoutMinutes: 45 } },
      "no deploy system answered for the deployment to `staging` within 45 minutes: a deploy system must post a deployment status (success, failure or error)",
    ],
  ])("stays pending on %s", (_name, changes, reason) => {
    const verdict = evaluateGate(facts(changes));
    expect(verdict.met).toBe(false);
    expect(verdict.missing.join("\n")).toContain(reason);
  });

  it("does not ask a CI gate for approvals, nor a human gate for CI", () => {
    expect(evaluateGate(facts({ gate: gate({ kind: "ci" }), approvals: [], ci: { required: ["build"], checks: [{ name: "build", status: "completed", conclusion: "success" }] } })).met).toBe(true);
    expect(evaluateGate(facts({ ci: undefined })).met).toBe(true);
  });

  it("tells when every check finished and some failed (what sends CI failures back)", () => {
    expect(summariseCi({ required: undefined, checks: [{ name: "a", status: "completed", conclusion: "failure" }, { name: "b", status: "in_progress", conclusion: null }] })).toMatchObject({ failed: ["a"], pending: 1 });
    expect(summariseCi({ required: undefined, checks: [{ name: "a", status: "completed", conclusion: "failure" }, { name: "b", status: "completed", conclusion: "success" }] })).toMatchObject({ failed: ["a"], pending: 0 });
  });
});

describe("renderGateSummary", () => {
  it("lists the criteria, what is met and missing, separation of duties and what changed", () => {
    const verdict = evaluateGate(facts({ gate: gate({ separate_from: "initiator" }), approvals: [{ actor: "carol", commitSha: "a".repeat(40), source: "comment" }] }));
    const summary = renderGateSummary({ gate: gate({ separate_from: "initiator" }), verdict, initiator: "alice", sinceApproval: { from: "a".repeat(40), files: ["src/a.ts"], url: "https://github.com/acme/rocket/compare/a...b" } });
    expect(summary).toContain("anyone with write permission other than @alice, who started this work item");
    expect(summary).toContain("- It is right.");
    const all = renderGateSummary({ gate: gate({ separate_from: ["initiator", "issue_author", "pushers"] }), verdict, initiator: "alice" });
    expect(all).toContain("other than @alice, who started this work item, the issue's author and anyone who pushed to this pull request");
    expect(summary).toContain("- ✅ output `spec.md` is present");
    expect(summary).toContain("- ⏳ 1 approval at `bbbbbbb` (approvals on earlier commits went stale: @carol)");
    expect(summary).toContain("**Changed since the last approval** (at `aaaaaaa`, [compare](https://github.com/acme/rocket/compare/a...b)):\n- `src/a.ts`");
  });
});
