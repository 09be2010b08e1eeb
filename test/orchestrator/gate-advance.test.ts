import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openFileDatabase, orchestratorWorld, type OrchestratorWorld } from "../support/orchestrator-deps.ts";
import { startWorkItem } from "./docs-work-item.ts";

// Gate advance without HTTP: the docs workflow's `write` pass has an agent gate (the documenter
// verifier); `review` has a human gate. A met gate merges the pass PR at its head and queues the
// next pass; an unmet one merges nothing.

let world: OrchestratorWorld | undefined;
beforeAll(openFileDatabase, 180_000);
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("gate advance", () => {
  it("merges the PR of a met gate at its head and queues the next pass", async () => {
    world = await orchestratorWorld();
    const { repo, issue } = await startWorkItem(world);

    const ran = await world.runJobs();

    expect(ran.filter((job) => job.error !== undefined)).toEqual([]);
    expect(ran.map((job) => `${job.kind}${typeof job.payload["passId"] === "string" ? `:${job.payload["passId"]}` : ""}`)).toEqual(["start_work_item", "run_pass:write", "run_verifier", "run_pass:review"]);
    const write = [...repo.pulls.values()].find((pull) => pull.head === `pitwall/${issue.number}/write`);
    expect(write?.merged).toBe(true);
    // Merged exactly at the head the verifier judged, and only that PR.
    expect(world.github.callsTo("mergePullRequest")).toEqual([[write?.number, write?.headSha, expect.objectContaining({ title: `pitwall: merge write for #${issue.number}` })]]);
    // The pass's artifact is on the default branch now.
    expect([...repo.commitAt(repo.head).files.keys()].filter((path) => path.endsWith("/docs-change.md"))).toHaveLength(1);

    const item = await world.deps.store.getWorkItem(1);
    expect(item).toMatchObject({ currentPass: "review", iteration: 1, state: "awaiting_gate" });
    const runs = await world.deps.store.listPassRuns(item.id);
    expect(runs.map((run) => [run.passId, run.iteration, run.state])).toEqual([
      ["write", 1, "merged"],
      ["review", 1, "awaiting_gate"],
    ]);
  });

  it("hands the job's abort signal to the verifier's model calls, as to the pass's, so a stop aborts them", async () => {
    world = await orchestratorWorld();
    await startWorkItem(world);
    const stopping = new AbortController();
    const ran = await world.runJobs({ signal: stopping.signal });
    expect(ran.map((job) => job.kind)).toContain("run_verifier");
    stopping.abort(new Error("Pitwall is stopping"));
    const verifierCalls = world.models.requests.flatMap((request, index) => (request.tools.some((tool) => tool.name === "submit_verdict") ? [world?.models.signals[index]] : []));
    expect(verifierCalls.length).toBeGreaterThan(0);
    expect(verifierCalls.map((signal) => signal?.aborted)).toEqual(verifierCalls.map(() => true));
  });

  it("merges nothing while the gate is unmet", async () => {
    world = await orchestratorWorld();
    const { repo } = await startWorkItem(world);

    await world.runJobs();

    // `review` waits for a person's approval: its PR stays open, no second merge was tried.
    const review = repo.pullOf("pitwall/1/review");
    expect(review?.state).toBe("open");
    expect(world.github.callsTo("mergePullRequest")).toHaveLength(1);
    const item = await world.deps.store.getWorkItem(1);
    expect(item.state).toBe("awaiting_gate");
    expect((await world.deps.store.listPassRuns(item.id)).find((run) => run.passId === "review")?.state).toBe("awaiting_gate");
  });

  it("does not merge before the verifier has reported", async () => {
    world = await orchestratorWorld();
    const { repo } = await startWorkItem(world);

    // The pass runs; its verifier job is queued but has not run.
    const ran = await world.runJobs({ max: 2 });

    expect(ran.map((job) => job.kind)).toEqual(["start_work_item", "run_pass"]);
    expect(repo.pullOf("pitwall/1/write")?.state).toBe("open");
    expect(world.github.callsTo("mergePullRequest")).toEqual([]);
    expect(world.enqueued.map((job) => job.kind)).toContain("run_verifier");
    expect(repo.checkRuns.find((run) => run.name === "pitwall/documenter")).toMatchObject({ status: "queued" });
  });
});
