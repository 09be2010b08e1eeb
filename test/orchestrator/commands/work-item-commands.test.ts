import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newJob } from "../../../src/scheduler/new-job.ts";
import { workItemLockKey } from "../../../src/orchestrator/jobs.ts";
import { statusCardMarker } from "../../../src/orchestrator/refresh-status-card.ts";
import { orchestratorWorld, type OrchestratorWorld } from "../../support/orchestrator-deps.ts";
import { auditBy, callMark, callsSince, commandRepo, currentPull, labelNewIssue, repliesTo, say, workItem, type WorkItemAt } from "../../support/command-world.ts";
import type { InMemoryRepo } from "../../support/in-memory-github.ts";

// The commands that steer a work item, without HTTP: `/pause` and `/resume`, `/cancel`, `/retry`,
// `/rerun`, `/tier`, and the read-only `/status` and `/cost`. Each needs write permission except
// the two read-only ones. One world for the file: each test labels a new issue.

let world: OrchestratorWorld;
let repo: InMemoryRepo;

beforeAll(async () => {
  world = await orchestratorWorld();
  repo = commandRepo(world);
}, 60_000);

afterAll(async () => {
  await world.close();
});

/** The status card on the work item's issue. */
async function statusCard(at: WorkItemAt): Promise<string> {
  const { statusCommentId } = await workItem(world, at);
  return repo.comments(at.issue.number).find((comment) => comment.id === statusCommentId)?.body ?? "";
}

describe("/pause and /resume", () => {
  it("pause a work item at its gate (gate commands wait) and resume it; a reader may do neither", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");
    const pull = await currentPull(world, at);

    await say(world, at, "bob", "/pause");
    expect(repliesTo(repo, at.issue.number, "bob")).toEqual(["@bob your `/pause` was not counted: it needs write permission on the repository; yours is read. Nothing was changed."]);
    expect((await workItem(world, at)).state).toBe("awaiting_gate");

    const paused = await say(world, at, "alice", "/pause");
    expect(paused.comment.reactions).toEqual(["+1"]);
    expect(await workItem(world, at)).toMatchObject({ state: "paused", currentPass: "diagnose" });
    expect(await statusCard(at)).toContain("**State:** ⏸️ paused (was awaiting gate; `/resume` continues)");

    // A gate command waits while the work item is paused.
    const mark = callMark(world);
    await say(world, at, "erin", "/approve", pull.number);
    expect(repliesTo(repo, pull.number, "erin")).toEqual(["@erin the work item is paused; `/resume` it before `/approve`. Nothing was changed."]);
    expect(callsSince(world, mark, "mergePullRequest")).toEqual([]);

    const resumed = await say(world, at, "alice", "/resume");
    expect(resumed.comment.reactions).toEqual(["+1"]);
    expect(await workItem(world, at)).toMatchObject({ state: "awaiting_gate", currentPass: "diagnose" });
    await say(world, at, "alice", "/resume");
    expect(repliesTo(repo, at.issue.number, "alice")).toEqual(["@alice the work item is not paused."]);
    expect(await auditBy(world, at, "alice")).toEqual(["started", "paused", "resumed"]);
    expect(await auditBy(world, at, "bob")).toEqual(["/pause refused"]);
    expect(pull.merged).toBe(false);
  });
});

describe("/cancel", () => {
  it("ends the work item and closes its open pass PR; a second /cancel is answered", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");
    const pull = await currentPull(world, at);

    await say(world, at, "bob", "/cancel");
    expect((await workItem(world, at)).state).toBe("awaiting_gate");
    expect(pull.state).toBe("open");

    const mark = callMark(world);
    const { comment } = await say(world, at, "alice", "/cancel");

    expect(comment.reactions).toEqual(["+1"]);
    expect((await workItem(world, at)).state).toBe("cancelled");
    expect(callsSince(world, mark, "closePullRequest")).toEqual([[pull.number, expect.stringContaining("work item cancelled by @alice")]]);
    expect(pull.state).toBe("closed");
    expect(pull.merged).toBe(false);
    expect(repo.comments(pull.number).at(-1)?.body).toContain("Closed by Pitwall: work item cancelled by @alice");
    expect(await auditBy(world, at, "alice")).toEqual(["started", "cancelled"]);
    expect(await auditBy(world, at, "bob")).toEqual(["/cancel refused"]);

    await say(world, at, "alice", "/cancel");
    expect(repliesTo(repo, at.issue.number, "alice")).toEqual(["@alice the work item is already cancelled."]);
  });
});

describe("/retry", () => {
  it("runs a failed pass again as its next iteration, and only a failed or escalated one", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");
    const first = await currentPull(world, at);

    await say(world, at, "alice", "/retry");
    expect(repliesTo(repo, at.issue.number, "alice")).toEqual(["@alice `/retry` re-runs a failed or escalated pass; this work item is awaiting gate. Nothing was changed."]);

    // Someone closes the pass PR without merging: the pass fails.
    const run = await world.deps.store.latestPassRun(at.workItemId, "diagnose");
    first.state = "closed";
    await world.queue(
      newJob(
        "github_event",
        { installationId: 1, workItemId: at.workItemId, passRunId: run?.id ?? 0, event: { kind: "pr_closed", merged: false, mergeSha: null, sender: "dave" } },
        { lockKey: workItemLockKey(repo.owner, repo.name, at.issue.number) },
      ),
    );
    expect((await world.runJobs()).filter((job) => job.error !== undefined)).toEqual([]);
    expect((await workItem(world, at)).state).toBe("failed");

    const { comment, ran } = await say(world, at, "alice", "/retry");

    expect(ran.map((job) => `${job.kind}${typeof job.payload["passId"] === "string" ? `:${job.payload["passId"]}` : ""}`)).toEqual(["command", "run_commands", "run_pass:diagnose"]);
    expect(comment.reactions).toEqual(["+1"]);
    expect(await workItem(world, at)).toMatchObject({ state: "awaiting_gate", currentPass: "diagnose", iteration: 2 });
    expect((await world.deps.store.findPassRun(at.workItemId, "diagnose", 2))?.trigger).toBe("retry");
    expect(await auditBy(world, at, "alice")).toEqual(["started", "diagnose sent back (retry)"]);
    expect((await currentPull(world, at)).state).toBe("open");
  });
});

describe("/tier <tier>", () => {
  it("sets the tier of the next run of the current pass, which /reject starts", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");
    const pull = await currentPull(world, at);
    expect((await world.deps.store.latestPassRun(at.workItemId, "diagnose"))?.tier).toBe("frontier");

    await say(world, at, "bob", "/tier cheap");
    expect((await workItem(world, at)).tierOverride).toBeNull();

    await say(world, at, "alice", "/tier cheap");

    expect(repliesTo(repo, at.issue.number, "alice")).toEqual(["@alice the next run of `diagnose` uses the `cheap` tier (`/reject <why>` or `/retry` starts it)."]);
    expect((await workItem(world, at)).tierOverride).toBe("cheap");
    expect(await auditBy(world, at, "alice")).toEqual(["started", "/tier cheap"]);
    expect(await auditBy(world, at, "bob")).toEqual(["/tier refused"]);

    await say(world, at, "erin", "/reject Name the log file.", pull.number);
    const second = await world.deps.store.findPassRun(at.workItemId, "diagnose", 2);
    expect(second).toMatchObject({ tier: "cheap", tierReason: "set with /tier" });
    expect((await world.deps.store.listLedger({ workItemId: at.workItemId, passRunId: second?.id ?? 0 })).map((entry) => [entry.tier, entry.tierReason])).toContainEqual(["cheap", "set with /tier"]);
  });
});

describe("/rerun", () => {
  it("runs a finished work item again from its first pass, and refuses one that is not finished", async () => {
    // The docs workflow: `write` merges on its verifier, `review` waits for a person.
    const at = await labelNewIssue(world, repo, "pitwall:docs", { title: "Document the launch command" });
    const review = await currentPull(world, at);
    await say(world, at, "alice", "/rerun");
    expect(repliesTo(repo, at.issue.number, "alice")).toEqual(["@alice `/rerun` runs a finished work item again; this one is awaiting gate. Nothing was changed."]);
    await say(world, at, "erin", "/approve", review.number);
    expect(await workItem(world, at)).toMatchObject({ state: "done", runNumber: 1 });

    const requests = world.models.requests.length;
    const mark = callMark(world);

    const { comment } = await say(world, at, "alice", "/rerun");

    expect(comment.reactions).toEqual(["+1"]);
    expect(await auditBy(world, at, "alice")).toEqual(["started", "/rerun"]);
    // The last run's pass branches go; its pass runs are kept under the run's name.
    expect(callsSince(world, mark, "deleteBranch")).toEqual([[`pitwall/${at.issue.number}/write`], [`pitwall/${at.issue.number}/review`]]);
    const runs = await world.deps.store.listPassRuns(at.workItemId);
    expect(runs.map((run) => [run.passId, run.state])).toEqual([
      ["write@docs-run1", "merged"],
      ["review@docs-run1", "merged"],
      // Nothing the passes read changed: each reuses its approved outcome, at no model cost.
      ["write", "reused"],
      ["review", "reused"],
    ]);
    expect(world.models.requests).toHaveLength(requests);
    expect(callsSince(world, mark, "ensurePullRequest")).toEqual([]);
    expect(await workItem(world, at)).toMatchObject({ state: "done", runNumber: 2 });
  });
});

describe("/status and /cost", () => {
  it("refresh the status card and post the cost breakdown, for a reader too", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");
    const mark = callMark(world);

    const { comment, ran } = await say(world, at, "bob", "/status\n/cost");

    expect(ran.map((job) => job.kind)).toEqual(["command", "run_commands"]);
    expect(comment.reactions).toEqual(["+1", "+1"]);
    // upsertComment(issue, marker, body, …): the card, then the cost comment.
    const upserted = callsSince(world, mark, "upsertComment");
    expect(upserted.map((args) => [args[0], args[1]])).toEqual([
      [at.issue.number, statusCardMarker],
      [at.issue.number, "<!-- pitwall:cost:work-item -->"],
    ]);
    expect(upserted[1]?.[2]).toContain("| 1 | diagnostician | anthropic/claude-opus-4-6 | frontier |");
    expect(repliesTo(repo, at.issue.number, "bob")).toEqual([]);
    expect(await auditBy(world, at, "bob")).toEqual([]);
  });

  it("are not run for someone without access to the repository", async () => {
    const at = await labelNewIssue(world, repo, "pitwall:security");
    const mark = callMark(world);

    const { ran } = await say(world, at, "mallory", "/status");

    expect(ran.map((job) => job.kind)).toEqual(["command"]);
    expect(repliesTo(repo, at.issue.number, "mallory")).toEqual(["@mallory you have no access to this repository, so Pitwall does not act on commands from you. Nothing was changed."]);
    expect(callsSince(world, mark, "upsertComment")).toEqual([]);
  });
});
