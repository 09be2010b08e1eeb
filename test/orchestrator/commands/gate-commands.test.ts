import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newJob } from "../../../src/scheduler/new-job.ts";
import { workItemLockKey } from "../../../src/orchestrator/jobs.ts";
import { orchestratorWorld, type OrchestratorWorld } from "../../support/orchestrator-deps.ts";
import { auditBy, callMark, callsSince, commandRepo, currentPull, labelNewIssue, repliesTo, say, workItem } from "../../support/command-world.ts";
import type { InMemoryRepo } from "../../support/in-memory-github.ts";

// The gate commands without HTTP: `/approve`, `/reject <why>`, `/waive <finding> <why>`,
// `/approve budget` and `/workflow <name>` (leaving a pinned workflow is a gate decision), on work
// items of the security workflow (a human gate at every pass, approvers with write access other
// than the initiator, the issue's author and the pass PR's pushers).
// One world for the file: each test labels a new issue, so its work item is its own.

let world: OrchestratorWorld;
let repo: InMemoryRepo;

beforeAll(async () => {
  world = await orchestratorWorld();
  repo = commandRepo(world);
}, 60_000);

afterAll(async () => {
  await world.close();
});

/** A security work item waiting at its first gate (diagnose): opened by carol, labelled by alice. */
async function atDiagnoseGate() {
  const at = await labelNewIssue(world, repo, "pitwall:security");
  expect(await workItem(world, at)).toMatchObject({ state: "awaiting_gate", currentPass: "diagnose", iteration: 1 });
  const pull = await currentPull(world, at);
  const run = await world.deps.store.latestPassRun(at.workItemId, "diagnose");
  if (!run) throw new Error("no diagnose run");
  return { at, pull, run };
}

describe("/approve", () => {
  it("merges the pass PR at its head when an approver the gate accepts approves, and the next pass runs", async () => {
    const { at, pull, run } = await atDiagnoseGate();
    const head = pull.headSha;
    const mark = callMark(world);

    const { comment, ran } = await say(world, at, "erin", "/approve", pull.number);

    expect(ran.map((job) => job.kind)).toEqual(["command", "run_commands", "run_pass"]);
    expect(callsSince(world, mark, "mergePullRequest")).toEqual([[pull.number, head, expect.objectContaining({ title: `pitwall: merge diagnose for #${at.issue.number}` })]]);
    expect(pull.merged).toBe(true);
    expect(comment.reactions).toEqual(["+1"]);
    expect(await world.deps.store.listGateDecisions(run.id)).toEqual([expect.objectContaining({ actor: "erin", actorPermission: "write", decision: "approve", commitSha: head, sourceCommentId: comment.id, source: "comment" })]);
    expect(await auditBy(world, at, "erin")).toEqual(["/approve on diagnose"]);
    expect(await workItem(world, at)).toMatchObject({ currentPass: "patch", state: "awaiting_gate" });
    // Nothing to answer: the reaction and the merge say it.
    expect(repliesTo(repo, pull.number, "erin")).toEqual([]);

    // Another /approve on the merged PR is about a gate that is no longer current: answered, not merged again.
    const patch = await currentPull(world, at);
    const again = callMark(world);
    await say(world, at, "erin", "/approve", pull.number);
    expect(repliesTo(repo, pull.number, "erin")).toEqual([`@erin this pull request is not the one at the current gate; use #${patch.number}.`]);
    expect(callsSince(world, again, "mergePullRequest")).toEqual([]);
    expect(patch.merged).toBe(false);
  });

  it("is refused for someone without write permission: recorded, answered, nothing merged", async () => {
    const { at, pull, run } = await atDiagnoseGate();
    const mark = callMark(world);

    const { ran } = await say(world, at, "bob", "/approve", pull.number);

    expect(ran.map((job) => job.kind)).toEqual(["command", "run_commands"]);
    expect(callsSince(world, mark, "mergePullRequest")).toEqual([]);
    expect(pull.merged).toBe(false);
    expect(repliesTo(repo, pull.number, "bob")).toEqual(["@bob your `/approve` was not counted: this gate needs write permission on the repository; yours is read. The gate is unchanged."]);
    expect(await world.deps.store.listGateDecisions(run.id)).toEqual([expect.objectContaining({ actor: "bob", actorPermission: "read", decision: "refused", reason: "this gate needs write permission on the repository; yours is read" })]);
    expect(await auditBy(world, at, "bob")).toEqual(["/approve refused on diagnose"]);
    expect(await workItem(world, at)).toMatchObject({ state: "awaiting_gate", currentPass: "diagnose", iteration: 1 });
  });

  it("is refused for the initiator, the issue's author and a pusher of the pass PR (separation of duties)", async () => {
    const { at, pull, run } = await atDiagnoseGate();
    // Dave pushed a commit to the pass PR, as GitHub's commit list tells.
    pull.pushers = { pushers: [{ login: "dave", sha: pull.headSha }], unlinked: null };
    const mark = callMark(world);

    await say(world, at, "alice", "/approve", pull.number);
    await say(world, at, "carol", "/approve", pull.number);
    await say(world, at, "dave", "/approve", pull.number);

    expect(callsSince(world, mark, "mergePullRequest")).toEqual([]);
    expect(repliesTo(repo, pull.number, "alice")).toEqual([expect.stringContaining("needs an approver other than @alice, who started the work item (separation of duties)")]);
    expect(repliesTo(repo, pull.number, "carol")).toEqual([expect.stringContaining("needs an approver other than @carol, who opened the issue (separation of duties)")]);
    expect(repliesTo(repo, pull.number, "dave")).toEqual([expect.stringContaining("needs an approver other than @dave, who pushed to this pull request (separation of duties)")]);
    expect((await world.deps.store.listGateDecisions(run.id)).map((decision) => [decision.actor, decision.decision])).toEqual([
      ["alice", "refused"],
      ["carol", "refused"],
      ["dave", "refused"],
    ]);
    expect(await workItem(world, at)).toMatchObject({ state: "awaiting_gate", currentPass: "diagnose", iteration: 1 });
  });

  it("answers an /approve on a work item with no gate waiting, and changes nothing", async () => {
    const { at, pull } = await atDiagnoseGate();
    await say(world, at, "alice", "/cancel");
    const mark = callMark(world);

    await say(world, at, "erin", "/approve", pull.number);

    expect(callsSince(world, mark, "mergePullRequest")).toEqual([]);
    expect(repliesTo(repo, pull.number, "erin")).toEqual(["@erin there is no gate waiting on this work item right now (state: cancelled); nothing was changed."]);
  });
});

describe("/reject <why>", () => {
  it("sends the pass back to its agent with the reason as feedback, on the same pull request", async () => {
    const { at, pull, run } = await atDiagnoseGate();
    const why = "Name the log file the token reaches.";
    const mark = callMark(world);

    const { comment, ran } = await say(world, at, "erin", `/reject ${why}`, pull.number);

    expect(ran.map((job) => `${job.kind}${typeof job.payload["passId"] === "string" ? `:${job.payload["passId"]}` : ""}`)).toEqual(["command", "run_commands", "run_pass:diagnose"]);
    expect(callsSince(world, mark, "mergePullRequest")).toEqual([]);
    expect(comment.reactions).toEqual(["+1"]);
    expect(await world.deps.store.listGateDecisions(run.id)).toEqual([expect.objectContaining({ actor: "erin", decision: "reject", reason: why, commitSha: run.headSha })]);
    const runs = (await world.deps.store.listPassRuns(at.workItemId)).filter((candidate) => candidate.passId === "diagnose");
    expect(runs.map((candidate) => [candidate.iteration, candidate.state, candidate.trigger])).toEqual([
      [1, "superseded", "first"],
      [2, "awaiting_gate", "rejected"],
    ]);
    expect(runs[1]?.feedback).toContain(`@erin rejected iteration 1: ${why}`);
    expect(runs[1]?.prNumber).toBe(pull.number);
    expect(pull.headSha).toBe(runs[1]?.headSha);
    expect(pull.headSha).not.toBe(run.headSha);
    // The agent was told why.
    expect(JSON.stringify(world.models.requestsFor("submit_artifacts").at(-1)?.turns)).toContain(why);
    expect(await auditBy(world, at, "erin")).toEqual(["diagnose sent back (rejected)"]);
    expect(await workItem(world, at)).toMatchObject({ state: "awaiting_gate", currentPass: "diagnose", iteration: 2 });
  });

  it("is refused for someone the gate keeps from deciding it, and the pass stays as it was", async () => {
    const { at, pull, run } = await atDiagnoseGate();

    const { comment } = await say(world, at, "carol", "/reject the diagnosis is too vague", pull.number);

    expect(comment.reactions).toEqual([]);
    expect(repliesTo(repo, pull.number, "carol")).toEqual([
      "@carol your `/reject` was not counted: this gate needs an approver other than @carol, who opened the issue (separation of duties). Nothing was changed.",
    ]);
    expect(await world.deps.store.listGateDecisions(run.id)).toEqual([expect.objectContaining({ actor: "carol", decision: "refused" })]);
    expect(await auditBy(world, at, "carol")).toEqual(["/reject refused"]);
    expect((await world.deps.store.listPassRuns(at.workItemId)).map((candidate) => [candidate.passId, candidate.iteration, candidate.state])).toEqual([["diagnose", 1, "awaiting_gate"]]);
  });

  it("needs a reason: without one it is answered with its usage and nothing runs", async () => {
    const { at, pull, run } = await atDiagnoseGate();

    const { ran } = await say(world, at, "erin", "/reject", pull.number);

    expect(ran.map((job) => job.kind)).toEqual(["command"]);
    expect(repliesTo(repo, pull.number, "erin")).toEqual(["@erin `/reject` needs a reason, so the agent knows what to change.\n\nUsage:\n- `/reject <why>` re-runs the pass with your reason as feedback"]);
    expect(await world.deps.store.listGateDecisions(run.id)).toEqual([]);
  });
});

describe("/waive <finding> <why>", () => {
  it("dismisses one finding for an approver, recomputing its verifier's check; others are refused", async () => {
    const { at, pull, run } = await atDiagnoseGate();
    // Dave pushes a source file to the diagnose PR: outside what the diagnostician may write.
    const pushed = repo.push({ "src/leak.ts": "export const redact = (line: string) => line;\n" }, pull.head);
    await world.queue(
      newJob(
        "github_event",
        { installationId: 1, workItemId: at.workItemId, passRunId: run.id, event: { kind: "pr_pushed", headSha: pushed, sender: "dave", pushedAt: world.clock.now().toISOString() } },
        { lockKey: workItemLockKey(repo.owner, repo.name, at.issue.number) },
      ),
    );
    expect((await world.runJobs()).filter((job) => job.error !== undefined)).toEqual([]);
    const scope = (await world.deps.store.listVerifierRuns(run.id, pushed)).find((candidate) => candidate.verifier === "write-scope");
    const finding = scope?.findings[0]?.id ?? "";
    expect(finding).not.toBe("");
    const check = () => repo.checkRuns.filter((candidate) => candidate.name === "pitwall/write-scope" && candidate.headSha === pushed).map((candidate) => candidate.conclusion);
    expect(check()).toEqual(["failure"]);

    await say(world, at, "bob", `/waive ${finding} The redaction helper is reviewed.`, pull.number);
    await say(world, at, "erin", "/waive f-nope not a finding", pull.number);
    expect(repliesTo(repo, pull.number, "bob")).toEqual(["@bob your `/waive` was not counted: this gate needs write permission on the repository; yours is read. Nothing was changed."]);
    expect(repliesTo(repo, pull.number, "erin")).toEqual([`@erin no finding \`f-nope\` on \`${pushed.slice(0, 7)}\` of #${pull.number}; the ids are in the verifiers' check runs. Nothing was changed.`]);
    expect(await world.deps.store.listWaivers(run.id)).toEqual([]);
    expect(check()).toEqual(["failure"]);

    const { comment } = await say(world, at, "erin", `/waive ${finding} The redaction helper is reviewed.`, pull.number);

    expect(comment.reactions).toEqual(["+1"]);
    expect(await world.deps.store.listWaivers(run.id)).toEqual([expect.objectContaining({ findingId: finding, actor: "erin", reason: "The redaction helper is reviewed.", commitSha: pushed })]);
    expect(check()).toEqual(["success"]);
    expect(await auditBy(world, at, "erin")).toEqual([`waived ${finding} (write-scope)`]);
    expect(await auditBy(world, at, "bob")).toEqual(["/waive refused"]);
    // A waiver is not an approval: the human gate still waits.
    expect(pull.merged).toBe(false);
    expect(await workItem(world, at)).toMatchObject({ state: "awaiting_gate", currentPass: "diagnose" });
  });
});

describe("/approve budget", () => {
  let budgeted: InMemoryRepo;

  beforeAll(() => {
    // Each work item here may spend 50 cents, less than the security workflow's forecast: held.
    budgeted = commandRepo(world, "budgeted", { ".github/pitwall.yml": "budgets:\n  work_item:\n    limit_usd: 0.5\n    owners: [olivia]\n" });
    budgeted.permissions.set("olivia", "write");
  });

  it("lets a budget owner release the hold: the held pass runs", async () => {
    const at = await labelNewIssue(world, budgeted, "pitwall:security");
    expect(await workItem(world, at)).toMatchObject({ state: "paused", currentPass: "diagnose" });
    expect(budgeted.labelsOn(at.issue.number)).toContain("pitwall:paused-budget");
    expect(budgeted.pullOf(`pitwall/${at.issue.number}/diagnose`)).toBeUndefined();

    const { comment, ran } = await say(world, at, "olivia", "/approve budget");

    expect(ran.map((job) => job.kind)).toEqual(["command", "run_commands", "run_pass"]);
    expect(comment.reactions).toEqual(["+1"]);
    expect(budgeted.labelsOn(at.issue.number)).not.toContain("pitwall:paused-budget");
    expect(await workItem(world, at)).toMatchObject({ state: "awaiting_gate", currentPass: "diagnose", budgetHold: null, budgetApprovedFor: "diagnose:1" });
    expect(budgeted.pullOf(`pitwall/${at.issue.number}/diagnose`)?.state).toBe("open");
    expect(await auditBy(world, at, "olivia")).toEqual(["/approve budget"]);
  });

  it("is refused for someone who owns no budget: the hold stays", async () => {
    const at = await labelNewIssue(world, budgeted, "pitwall:security");

    const { ran } = await say(world, at, "erin", "/approve budget");

    expect(ran.map((job) => job.kind)).toEqual(["command", "run_commands"]);
    expect(repliesTo(budgeted, at.issue.number, "erin")).toEqual(["@erin your `/approve budget` was not counted: only the budget owners (@olivia) may release a budget hold. Nothing was changed."]);
    expect(await auditBy(world, at, "erin")).toEqual(["/approve budget refused"]);
    expect(budgeted.labelsOn(at.issue.number)).toContain("pitwall:paused-budget");
    expect(await workItem(world, at)).toMatchObject({ state: "paused", budgetApprovedFor: null });
    expect(budgeted.pullOf(`pitwall/${at.issue.number}/diagnose`)).toBeUndefined();
  });
});

// A switch before the first gate is met: only an approver every human gate of the pinned workflow
// accepts may take it (a switch must never lower the gates), and it is recorded either way.
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
