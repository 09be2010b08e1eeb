import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openFileDatabase, orchestratorWorld, type OrchestratorWorld } from "../support/orchestrator-deps.ts";
import { writeComment } from "../support/command-world.ts";
import { startWorkItem } from "./docs-work-item.ts";

// Budget holds without HTTP: a work item whose forecast is above its own budget is held before
// its first pass spends anything (label, owner told), and the owner's `/approve budget` lets it run.

let world: OrchestratorWorld | undefined;
beforeAll(openFileDatabase, 180_000);
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const config = "budgets:\n  work_item:\n    limit_usd: 0.5\n    owners: [olivia]\n";

describe("budget holds", () => {
  it("holds a pass over its work item's budget until an owner answers /approve budget", async () => {
    world = await orchestratorWorld();
    const { repo, issue } = await startWorkItem(world, { files: { ".github/pitwall.yml": config } });
    repo.permissions.set("olivia", "write");

    const held = await world.runJobs();

    expect(held.filter((job) => job.error !== undefined)).toEqual([]);
    expect(repo.labelsOn(issue.number)).toContain("pitwall:paused-budget");
    const told = repo.comments(issue.number).find((written) => written.body.includes("is held"));
    expect(told?.body).toContain("@olivia");
    expect(told?.body).toContain("`/approve budget`");
    // Nothing was spent or written: no model call, no commit, no pull request.
    expect(world.models.requests).toEqual([]);
    expect(world.github.callsTo("commitFiles")).toEqual([]);
    expect(repo.pulls.size).toBe(0);
    const item = await world.deps.store.getWorkItem(1);
    expect(item).toMatchObject({ state: "paused", currentPass: "write" });
    expect(item.budgetHold).toContain("above the work item's budget");

    await writeComment(world, { repo, issue, workItemId: item.id }, "olivia", "/approve budget");
    // The command, the commands under the work item's lock, then the released pass.
    const released = await world.runJobs({ max: 3 });

    expect(released.filter((job) => job.error !== undefined)).toEqual([]);
    expect(released.map((job) => job.kind)).toEqual(["command", "run_commands", "run_pass"]);
    expect(repo.labelsOn(issue.number)).not.toContain("pitwall:paused-budget");
    expect(world.models.requestsFor("submit_artifacts").length).toBeGreaterThan(0);
    expect(repo.pullOf("pitwall/1/write")?.state).toBe("open");
    expect((await world.deps.store.getWorkItem(1)).budgetHold).toBeNull();
  });

  it("does not release the hold for someone who owns no budget", async () => {
    world = await orchestratorWorld();
    const { repo, issue } = await startWorkItem(world, { files: { ".github/pitwall.yml": config } });
    await world.runJobs();

    await writeComment(world, { repo, issue, workItemId: 1 }, "alice", "/approve budget");
    await world.runJobs();

    expect(repo.labelsOn(issue.number)).toContain("pitwall:paused-budget");
    expect(world.models.requests).toEqual([]);
    expect(await world.deps.store.getWorkItem(1)).toMatchObject({ state: "paused" });
  });
});
