import { describe, expect, it } from "vitest";
import { decide, InvalidTransitionError, workItemStates, type WorkItemEvent, type WorkItemSnapshot, type WorkItemState } from "../../src/domain/index.ts";

const item = (state: WorkItemState, currentPass: string | null = "spec", extra: Partial<WorkItemSnapshot> = {}): WorkItemSnapshot => ({ state, currentPass, iteration: 1, reason: null, pausedFrom: null, ...extra });

describe("work item decisions", () => {
  it.each<[string, WorkItemSnapshot, WorkItemEvent, Partial<ReturnType<typeof decide>>]>([
    ["a new item queues its first pass", item("queued", null), { type: "start_requested", firstPass: "spec" }, { state: "queued", currentPass: "spec", iteration: 1, effects: [{ kind: "enqueue_pass", passId: "spec", iteration: 1 }] }],
    ["a blocked item starts again", item("blocked", null, { reason: "no provider" }), { type: "start_requested", firstPass: "spec" }, { state: "queued", reason: null, effects: [{ kind: "enqueue_pass", passId: "spec", iteration: 1 }] }],
    ["a second start of a running item does nothing", item("running"), { type: "start_requested", firstPass: "spec" }, { state: "running", effects: [] }],
    ["a refusal blocks with the reason", item("queued", null), { type: "dispatch_refused", reason: "no key" }, { state: "blocked", reason: "no key", effects: [] }],
    ["the analyst's proposal waits for a person", item("queued", null), { type: "workflow_proposed", reason: "bug" }, { state: "proposed", reason: "bug", effects: [] }],
    ["/workflow starts the chosen workflow", item("proposed", null), { type: "workflow_chosen", firstPass: "diagnose" }, { state: "queued", currentPass: "diagnose", effects: [{ kind: "enqueue_pass", passId: "diagnose", iteration: 1 }] }],
    ["/workflow switches before the first gate", item("awaiting_gate", "spec", { iteration: 2 }), { type: "workflow_chosen", firstPass: "write" }, { state: "queued", currentPass: "write", iteration: 1 }],
    ["a queued pass starts", item("queued"), { type: "pass_started", passId: "spec" }, { state: "running", currentPass: "spec" }],
    ["a reworked pass starts", item("rework", "spec", { iteration: 2 }), { type: "pass_started", passId: "spec" }, { state: "running", iteration: 2 }],
    ["an opened pass awaits its gate", item("running"), { type: "pass_opened", passId: "spec" }, { state: "awaiting_gate" }],
    ["a failing pass fails the item", item("running"), { type: "pass_failed", passId: "spec", reason: "boom" }, { state: "failed", reason: "boom" }],
    [
      "a rejection queues the next iteration",
      item("awaiting_gate"),
      { type: "rework_requested", passId: "spec", iteration: 2, trigger: "rejected", reason: "too vague" },
      { state: "rework", iteration: 2, reason: "rejected: too vague", effects: [{ kind: "enqueue_pass", passId: "spec", iteration: 2 }] },
    ],
    ["a retry re-runs a failed pass", item("failed", "spec", { reason: "boom" }), { type: "rework_requested", passId: "spec", iteration: 2, trigger: "retry", reason: "@alice" }, { state: "rework", iteration: 2 }],
    [
      "a retry of an escalated pass releases the person",
      item("escalated"),
      { type: "rework_requested", passId: "spec", iteration: 2, trigger: "retry", reason: "@alice" },
      { state: "rework", effects: [{ kind: "release_human" }, { kind: "enqueue_pass", passId: "spec", iteration: 2 }] },
    ],
    ["escalation hands the item to a person", item("awaiting_gate"), { type: "escalated", passId: "spec", reason: "3 rejections" }, { state: "escalated", reason: "3 rejections", effects: [{ kind: "hand_to_human", passId: "spec", reason: "3 rejections" }] }],
    ["escalating twice does not mention people twice", item("escalated"), { type: "escalated", passId: "spec", reason: "again" }, { state: "escalated", reason: "again", effects: [] }],
    ["a merged pass queues the next", item("awaiting_gate", "spec", { iteration: 3 }), { type: "pass_merged", passId: "spec", nextPass: "design" }, { state: "queued", currentPass: "design", iteration: 1, effects: [{ kind: "enqueue_pass", passId: "design", iteration: 1 }] }],
    ["an escalated pass a person approved merges", item("escalated"), { type: "pass_merged", passId: "spec", nextPass: "design" }, { state: "queued", effects: [{ kind: "release_human" }, { kind: "enqueue_pass", passId: "design", iteration: 1 }] }],
    ["the last merged pass finishes", item("awaiting_gate", "design"), { type: "pass_merged", passId: "design", nextPass: null }, { state: "done", effects: [{ kind: "close_issue" }] }],
    ["a re-run reuses an unchanged pass and queues the next", item("running", "spec"), { type: "pass_reused", passId: "spec", nextPass: "design" }, { state: "queued", currentPass: "design", iteration: 1, effects: [{ kind: "enqueue_pass", passId: "design", iteration: 1 }] }],
    ["a reused last pass finishes the work item again", item("running", "docs"), { type: "pass_reused", passId: "docs", nextPass: null }, { state: "done", effects: [{ kind: "close_issue" }] }],
    ["/rerun opens a finished work item at its first pass", item("done", "docs", { iteration: 2 }), { type: "rerun_requested", firstPass: "spec" }, { state: "queued", currentPass: "spec", iteration: 1, effects: [{ kind: "reopen_issue" }, { kind: "enqueue_pass", passId: "spec", iteration: 1 }] }],
    ["a refused merge keeps the gate with the reason", item("awaiting_gate"), { type: "merge_refused", passId: "spec", reason: "405" }, { state: "awaiting_gate", reason: "405", effects: [] }],
    ["a budget holds a queued pass back", item("queued"), { type: "budget_held", reason: "at its limit" }, { state: "paused", pausedFrom: "queued", reason: "at its limit", effects: [] }],
    ["a budget stops a running first iteration: it is queued again on release", item("running"), { type: "budget_held", reason: "no room" }, { state: "paused", pausedFrom: "queued", reason: "no room", effects: [] }],
    ["a budget stops a running rework: it is reworked again on release", item("running", "spec", { iteration: 3 }), { type: "budget_held", reason: "no room" }, { state: "paused", pausedFrom: "rework", iteration: 3, effects: [] }],
    ["pausing at a gate remembers the gate", item("awaiting_gate"), { type: "pause_requested" }, { state: "paused", pausedFrom: "awaiting_gate", effects: [] }],
    ["resuming to a gate looks at it again", item("paused", "spec", { pausedFrom: "awaiting_gate" }), { type: "resume_requested" }, { state: "awaiting_gate", pausedFrom: null, effects: [{ kind: "advance_gate" }] }],
    ["resuming a queued pass queues it again", item("paused", "spec", { pausedFrom: "rework", iteration: 2 }), { type: "resume_requested" }, { state: "rework", effects: [{ kind: "enqueue_pass", passId: "spec", iteration: 2 }] }],
    ["resuming a failed item leaves it failed", item("paused", "spec", { pausedFrom: "failed" }), { type: "resume_requested" }, { state: "failed", effects: [] }],
    ["cancelling closes the pass PRs", item("awaiting_gate"), { type: "cancel_requested", reason: "by @alice" }, { state: "cancelled", effects: [{ kind: "close_pass_pull_requests", reason: "by @alice" }] }],
    ["cancelling an escalated item removes the label too", item("escalated"), { type: "cancel_requested", reason: "x" }, { state: "cancelled", effects: [{ kind: "release_human" }, { kind: "close_pass_pull_requests", reason: "x" }] }],
    ["cancelling a paused item works", item("paused", "spec", { pausedFrom: "queued" }), { type: "cancel_requested", reason: "x" }, { state: "cancelled", pausedFrom: null }],
  ])("%s", (_name, snapshot, event, expected) => {
    expect(decide(snapshot, event)).toMatchObject(expected);
  });

  it.each<[string, WorkItemSnapshot, WorkItemEvent]>([
    ["merging a pass that is not at its gate", item("running"), { type: "pass_merged", passId: "spec", nextPass: null }],
    ["merging another pass than the current one", item("awaiting_gate", "design"), { type: "pass_merged", passId: "spec", nextPass: null }],
    ["starting a pass twice", item("running"), { type: "pass_started", passId: "spec" }],
    ["opening a pass that is not running", item("queued"), { type: "pass_opened", passId: "spec" }],
    ["blocking a finished item", item("done"), { type: "dispatch_refused", reason: "x" }],
    ["reworking to an iteration already run", item("awaiting_gate", "spec", { iteration: 2 }), { type: "rework_requested", passId: "spec", iteration: 2, trigger: "rejected", reason: "x" }],
    ["reworking a running pass", item("running"), { type: "rework_requested", passId: "spec", iteration: 2, trigger: "rejected", reason: "x" }],
    ["pausing twice", item("paused", "spec", { pausedFrom: "queued" }), { type: "pause_requested" }],
    ["a budget holding a pass at its gate", item("awaiting_gate"), { type: "budget_held", reason: "x" }],
    ["resuming an item that is not paused", item("awaiting_gate"), { type: "resume_requested" }],
    ["escalating a paused item", item("paused", "spec", { pausedFrom: "awaiting_gate" }), { type: "escalated", passId: "spec", reason: "x" }],
    ["choosing a workflow for a cancelled item", item("cancelled"), { type: "workflow_chosen", firstPass: "spec" }],
    ["reusing a pass that is not running", item("queued"), { type: "pass_reused", passId: "spec", nextPass: "design" }],
    ["reusing another pass than the current one", item("running", "design"), { type: "pass_reused", passId: "spec", nextPass: null }],
    ["re-running an unfinished work item", item("awaiting_gate"), { type: "rerun_requested", firstPass: "spec" }],
    ["re-running a cancelled work item", item("cancelled"), { type: "rerun_requested", firstPass: "spec" }],
    ["proposing a workflow for a started item", item("queued", "spec"), { type: "workflow_proposed", reason: "x" }],
  ])("refuses %s", (_name, snapshot, event) => {
    expect(() => decide(snapshot, event)).toThrow(InvalidTransitionError);
  });

  // Every state against every event: the final states take nothing, and no decision ever leaves
  // the set of states or loses the current pass of a started item.
  const events: WorkItemEvent[] = [
    { type: "start_requested", firstPass: "spec" },
    { type: "workflow_proposed", reason: "r" },
    { type: "workflow_chosen", firstPass: "spec" },
    { type: "dispatch_refused", reason: "r" },
    { type: "pass_started", passId: "spec" },
    { type: "pass_opened", passId: "spec" },
    { type: "pass_failed", passId: "spec", reason: "r" },
    { type: "rework_requested", passId: "spec", iteration: 2, trigger: "rejected", reason: "r" },
    { type: "escalated", passId: "spec", reason: "r" },
    { type: "pass_merged", passId: "spec", nextPass: "design" },
    { type: "merge_refused", passId: "spec", reason: "r" },
    { type: "pass_reused", passId: "spec", nextPass: "design" },
    { type: "rerun_requested", firstPass: "spec" },
    { type: "pause_requested" },
    { type: "budget_held", reason: "r" },
    { type: "resume_requested" },
    { type: "cancel_requested", reason: "r" },
  ];
  const cases = workItemStates.flatMap((state) => events.map((event) => [state, event.type, event] as const));
  it.each(cases)("%s × %s is either a valid decision or refused", (state, _type, event) => {
    const snapshot = item(state, "spec", state === "paused" ? { pausedFrom: "awaiting_gate" } : {});
    let decision: ReturnType<typeof decide> | undefined;
    try {
      decision = decide(snapshot, event);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      return;
    }
    // A final state takes nothing but `/rerun` of a done item: at most a no-op (a label re-added
    // on a finished issue).
    if ((state === "done" && event.type !== "rerun_requested") || state === "cancelled") expect(decision).toEqual({ ...snapshot, effects: [] });
    expect(workItemStates).toContain(decision.state);
    expect(decision.currentPass).not.toBeNull();
    expect(decision.pausedFrom === null).toBe(decision.state !== "paused");
    for (const effect of decision.effects) if (effect.kind === "enqueue_pass") expect(decision.state === "queued" || decision.state === "rework").toBe(true);
  });
});
