import { describe, expect, it } from "vitest";
import { decide, InvalidTransitionError, type WorkItemEvent, type WorkItemSnapshot } from "../../src/engine/index.ts";

const item = (state: WorkItemSnapshot["state"], currentPass: string | null = "spec", reason: string | null = null): WorkItemSnapshot => ({ state, currentPass, reason });

describe("work item decisions", () => {
  it.each<[string, WorkItemSnapshot, WorkItemEvent, Partial<ReturnType<typeof decide>>]>([
    ["a new item queues its first pass", item("queued", null), { type: "start_requested", firstPass: "spec" }, { state: "queued", currentPass: "spec", effects: [{ kind: "enqueue_pass", passId: "spec" }] }],
    ["a blocked item starts again", item("blocked", null, "no provider"), { type: "start_requested", firstPass: "spec" }, { state: "queued", reason: null, effects: [{ kind: "enqueue_pass", passId: "spec" }] }],
    ["a second start of a running item does nothing", item("running"), { type: "start_requested", firstPass: "spec" }, { state: "running", effects: [] }],
    ["a refusal blocks with the reason", item("queued", null), { type: "dispatch_refused", reason: "no key" }, { state: "blocked", reason: "no key", effects: [] }],
    ["a queued pass starts", item("queued"), { type: "pass_started", passId: "spec" }, { state: "running", currentPass: "spec" }],
    ["an opened pass awaits its gate", item("running"), { type: "pass_opened", passId: "spec" }, { state: "awaiting_gate" }],
    ["a failing pass fails the item", item("running"), { type: "pass_failed", passId: "spec", reason: "boom" }, { state: "failed", reason: "boom" }],
    ["a merged pass queues the next", item("awaiting_gate"), { type: "pass_merged", passId: "spec", nextPass: "design" }, { state: "queued", currentPass: "design", effects: [{ kind: "enqueue_pass", passId: "design" }] }],
    ["the last merged pass finishes", item("awaiting_gate", "design"), { type: "pass_merged", passId: "design", nextPass: null }, { state: "done", effects: [{ kind: "close_issue" }] }],
    ["a refused merge keeps the gate with the reason", item("awaiting_gate"), { type: "merge_refused", passId: "spec", reason: "405" }, { state: "awaiting_gate", reason: "405", effects: [] }],
  ])("%s", (_name, snapshot, event, expected) => {
    expect(decide(snapshot, event)).toMatchObject(expected);
  });

  it.each<[string, WorkItemSnapshot, WorkItemEvent]>([
    ["merging a pass that is not at its gate", item("running"), { type: "pass_merged", passId: "spec", nextPass: null }],
    ["merging another pass than the current one", item("awaiting_gate", "design"), { type: "pass_merged", passId: "spec", nextPass: null }],
    ["starting a pass twice", item("running"), { type: "pass_started", passId: "spec" }],
    ["opening a pass that is not running", item("queued"), { type: "pass_opened", passId: "spec" }],
    ["blocking a finished item", item("done"), { type: "dispatch_refused", reason: "x" }],
  ])("refuses %s", (_name, snapshot, event) => {
    expect(() => decide(snapshot, event)).toThrow(InvalidTransitionError);
  });
});
