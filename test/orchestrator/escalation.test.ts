import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openFileDatabase, orchestratorWorld, type OrchestratorWorld } from "../support/orchestrator-deps.ts";
import { scriptedModelUsage } from "../support/scripted-models.ts";
import { startWorkItem } from "./docs-work-item.ts";

// Escalation without HTTP: a verifier that gives no verdict hands the pass to a person — the
// needs-human label on the issue and a comment that mentions who can act — and nothing merges.

let world: OrchestratorWorld | undefined;
beforeAll(openFileDatabase, 180_000);
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("escalation", () => {
  it("hands a pass whose verifier gave no verdict to a person: label and mention", async () => {
    world = await orchestratorWorld();
    // The verifier's model answers in prose, never calling submit_verdict.
    world.models.always("submit_verdict", () => ({ text: "I think it is probably fine.", toolCalls: [], stopReason: "end", usage: scriptedModelUsage }));
    const { repo, issue } = await startWorkItem(world);

    const ran = await world.runJobs();

    expect(ran.filter((job) => job.error !== undefined)).toEqual([]);
    expect(repo.labelsOn(issue.number)).toContain("pitwall:needs-human");
    expect(world.github.callsTo("addLabel")).toContainEqual([issue.number, "pitwall:needs-human"]);
    const mention = repo.comments(issue.number).find((comment) => comment.body.includes("Pitwall needs a person on pass `write`"));
    expect(mention?.body).toContain("@alice");
    expect(mention?.body).toContain("gave no verdict");
    const item = await world.deps.store.getWorkItem(1);
    expect(item).toMatchObject({ state: "escalated", currentPass: "write" });
    expect(world.github.callsTo("mergePullRequest")).toEqual([]);
    expect(repo.pullOf("pitwall/1/write")?.state).toBe("open");
    expect((await world.deps.store.listPassRuns(item.id)).map((run) => run.passId)).toEqual(["write"]);
  });
});
