import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { newJob } from "../../src/scheduler/new-job.ts";
import { openFileDatabase, orchestratorWorld, type OrchestratorWorld } from "../support/orchestrator-deps.ts";
import { startWorkItem } from "./docs-work-item.ts";

// Send-back without HTTP: a failed verifier, or the repo's CI failing on a pass with
// `ci_feedback`, sends the pass back to its agent with the failure as feedback (iteration + 1),
// on the same pull request, instead of merging.

let world: OrchestratorWorld | undefined;
beforeAll(openFileDatabase, 180_000);
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A one-pass workflow whose gate is the repo's CI, with CI failures fed back to the implementer. */
const ciWorkflow = `---
name: ci-fix
version: 1
label: pitwall:ci-fix
description: One implementer pass gated on the repository's CI.
priority: 50
passes:
  - id: patch
    agent: implementer
    description: The change, iterated on CI.
    inputs: [issue]
    outputs: [patch.md]
    ci_feedback:
      max_iterations: 2
    gate:
      kind: ci
      criteria:
        - The repository's required CI checks pass on the head commit.
      max_iterations: 3
      merge: auto
---

A test workflow.
`;

describe("send-back", () => {
  it("sends a pass its verifier failed back to its agent with the verdict as feedback", async () => {
    world = await orchestratorWorld();
    world.models.verdict("fail", "The README example does not run.", [{ severity: "error", message: "`rocket launch --now` is not an option", path: "README.md" }]);
    const { repo } = await startWorkItem(world);

    const ran = await world.runJobs();

    expect(ran.filter((job) => job.error !== undefined)).toEqual([]);
    const runs = await world.deps.store.listPassRuns(1);
    const writes = runs.filter((run) => run.passId === "write");
    expect(writes.map((run) => [run.iteration, run.state, run.trigger])).toEqual([
      [1, "superseded", "first"],
      [2, "merged", "verifier_failed"],
    ]);
    expect(writes[1]?.feedback).toContain("The README example does not run.");
    expect(writes[1]?.feedback).toContain("`rocket launch --now` is not an option");
    // The second iteration's agent was told, on the same pull request, and only its head was merged.
    const writer = world.models.requestsFor("submit_artifacts").map((request) => JSON.stringify(request.turns)).filter((turns) => turns.includes("Pass: write"));
    expect(writer).toHaveLength(2);
    expect(writer[0]).not.toContain("The README example does not run.");
    expect(writer[1]).toContain("The README example does not run.");
    expect(writes[0]?.prNumber).toBe(writes[1]?.prNumber);
    const pull = repo.pull(writes[1]?.prNumber ?? 0);
    expect(world.github.callsTo("mergePullRequest")).toEqual([[pull.number, writes[1]?.headSha, expect.anything()]]);
    expect(writes[0]?.headSha).not.toBe(writes[1]?.headSha);
  });

  it("sends a pass back to its agent when the repo's CI fails, with the failure's annotations", async () => {
    world = await orchestratorWorld();
    const { repo } = await startWorkItem(world, { label: "pitwall:ci-fix", files: { ".github/pitwall/workflows/ci-fix.md": ciWorkflow, "src/index.ts": "export const x = 1;\n" } });
    // main requires the repo's `test` check: the gate waits for it.
    repo.protection.set("main", { exists: true, requiredChecks: ["test"], requiredApprovals: 0, checks: [{ context: "test", appId: null }], classicApprovals: 0, reviewRulesetIds: [] });
    await world.runJobs();
    const first = await world.deps.store.findPassRun(1, "patch", 1);
    expect(first).toMatchObject({ state: "awaiting_gate" });
    expect(world.github.callsTo("mergePullRequest")).toEqual([]);

    // CI fails on the pass PR's head, and GitHub says so.
    const headSha = first?.headSha ?? "";
    repo.ci.set(headSha, [{ name: "test", status: "completed", conclusion: "failure", checkRunId: 77, summary: "1 failing test" }]);
    repo.annotations.set(77, ["src/index.ts:1 expected x to be 2"]);
    await world.queue(newJob("github_event", { installationId: 1, workItemId: 1, passRunId: first?.id ?? 0, event: { kind: "ci_reported", sha: headSha, check: "test" } }, { lockKey: "acme/rocket#1" }));
    const ran = await world.runJobs();

    expect(ran.filter((job) => job.error !== undefined)).toEqual([]);
    const second = await world.deps.store.findPassRun(1, "patch", 2);
    expect(second).toMatchObject({ trigger: "ci_failed", prNumber: first?.prNumber, state: "awaiting_gate" });
    expect(second?.feedback).toContain("Check `test` ended in failure.");
    expect(second?.feedback).toContain("- src/index.ts:1 expected x to be 2");
    expect(world.github.callsTo("readCheckAnnotations")).toEqual([[77]]);
    expect((await world.deps.store.findPassRun(1, "patch", 1))?.state).toBe("superseded");
    // Nothing merged: the new head waits for CI again.
    expect(world.github.callsTo("mergePullRequest")).toEqual([]);
    expect(repo.pull(first?.prNumber ?? 0).headSha).toBe(second?.headSha);
  });
});
