import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orchestratorWorld, type OrchestratorWorld } from "../../support/orchestrator-deps.ts";
import { auditBy, callMark, callsSince, commandRepo, currentPull, labelNewIssue, repliesTo, say, workItem } from "../../support/command-world.ts";
import type { InMemoryRepo } from "../../support/in-memory-github.ts";

// `/workflow <name>` without HTTP: a switch before the first gate is met. Leaving a pinned
// workflow is a gate decision: only an approver every human gate of that workflow accepts may
// take it (a switch must never lower the gates), and it is recorded either way.
// One world for the file: each test labels a new issue.

let world: OrchestratorWorld;
let repo: InMemoryRepo;

beforeAll(async () => {
  world = await orchestratorWorld();
  repo = commandRepo(world);
}, 60_000);

afterAll(async () => {
  await world.close();
});

describe("/workflow <name>", () => {
  it("is refused for the initiator of a security work item, who may not lower its gates", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");
    const run = await world.deps.store.latestPassRun(at.workItemId, "diagnose");
    const mark = callMark(world);

    const { comment } = await say(world, at, "alice", "/workflow docs");

    expect(comment.reactions).toEqual([]);
    expect(repliesTo(repo, at.issue.number, "alice")).toEqual([
      "@alice your `/workflow` was not counted: switching away from the `security` workflow needs an approver its gates accept, and this gate needs an approver other than @alice, who started the work item (separation of duties). Nothing was changed.",
    ]);
    expect(await workItem(world, at)).toMatchObject({ workflow: "security", currentPass: "diagnose", state: "awaiting_gate" });
    expect(await world.deps.store.listGateDecisions(run?.id ?? 0)).toEqual([expect.objectContaining({ actor: "alice", decision: "refused", sourceCommentId: comment.id })]);
    expect(await auditBy(world, at, "alice")).toEqual(["started", "/workflow refused"]);
    // Nothing of another workflow ran or merged.
    expect(callsSince(world, mark, "mergePullRequest")).toEqual([]);
    expect(callsSince(world, mark, "commitFiles")).toEqual([]);
  });

  it("switches for an approver the security gates accept, recorded as a gate decision", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");
    const diagnose = await currentPull(world, at);
    const run = await world.deps.store.latestPassRun(at.workItemId, "diagnose");

    const { comment } = await say(world, at, "erin", "/workflow docs");

    expect(comment.reactions).toEqual(["+1"]);
    expect(repliesTo(repo, at.issue.number, "erin")).toEqual([]);
    const item = await workItem(world, at);
    expect(item).toMatchObject({ workflow: "docs" });
    expect(item.definitions?.workflow.name).toBe("docs");
    expect(await world.deps.store.listGateDecisions(run?.id ?? 0)).toEqual([expect.objectContaining({ actor: "erin", decision: "switch", reason: "security → docs" })]);
    expect(diagnose.state).toBe("closed");
    expect(diagnose.merged).toBe(false);
    // The docs workflow runs from its first pass.
    expect((await world.deps.store.listPassRuns(at.workItemId)).some((candidate) => candidate.passId === "write")).toBe(true);
  });

  it("is refused for someone with read permission only", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");

    await say(world, at, "bob", "/workflow docs");

    expect(repliesTo(repo, at.issue.number, "bob")).toEqual(["@bob your `/workflow` was not counted: it needs write permission on the repository; yours is read. Nothing was changed."]);
    expect((await workItem(world, at)).workflow).toBe("security");
    expect(await auditBy(world, at, "bob")).toEqual(["/workflow refused"]);
  });

  it("cannot switch once a pass has merged", async () => {
    // The docs workflow's `write` pass merges on its verifier; `review` waits for a person.
    const at = await labelNewIssue(world, repo, "pitwall:docs", { title: "Document the launch command" });
    expect((await workItem(world, at)).currentPass).toBe("review");

    await say(world, at, "erin", "/workflow feature");

    expect(repliesTo(repo, at.issue.number, "erin")).toEqual(["@erin `/workflow` can switch only before the first gate is met; this work item is awaiting gate and a pass has merged. Nothing was changed."]);
    expect(await workItem(world, at)).toMatchObject({ workflow: "docs", currentPass: "review" });
  });
});
