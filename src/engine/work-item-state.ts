// A work item's life as pure decisions: (state, event) → new state + effects (DESIGN §3).
// The orchestrator performs the effects; nothing here touches GitHub, a model, the store or
// the clock.
//
// States
// - queued:        created, its first pass waits for a worker.
// - running:       a pass's agent is running.
// - awaiting_gate: the pass's PR is open; its gate waits for approval.
// - blocked:       nothing can be dispatched until a person fixes something (no model provider
//                  configured, invalid config or definitions). Re-adding the label retries.
// - failed:        a pass failed in a way a retry will not fix by itself.
// - done:          the last pass's gate was met and merged.

export const workItemStates = {
  queued: "queued",
  running: "running",
  awaiting_gate: "awaiting_gate",
  blocked: "blocked",
  failed: "failed",
  done: "done",
} as const;
export type WorkItemState = (typeof workItemStates)[keyof typeof workItemStates];

export interface WorkItemSnapshot {
  state: WorkItemState;
  currentPass: string | null;
  reason: string | null;
}

export type WorkItemEvent =
  | { type: "start_requested"; firstPass: string }
  | { type: "dispatch_refused"; reason: string }
  | { type: "pass_started"; passId: string }
  | { type: "pass_opened"; passId: string }
  | { type: "pass_failed"; passId: string; reason: string }
  /** The gate was met and GitHub merged the pass's pull request. */
  | { type: "pass_merged"; passId: string; nextPass: string | null }
  /** The gate was met but GitHub refused the merge (branch protection, head moved). */
  | { type: "merge_refused"; passId: string; reason: string };

export type Effect = { kind: "enqueue_pass"; passId: string } | { kind: "close_issue" };

export interface Decision {
  state: WorkItemState;
  currentPass: string | null;
  reason: string | null;
  effects: Effect[];
}

export class InvalidTransitionError extends Error {
  constructor(state: WorkItemState, event: WorkItemEvent["type"]) {
    super(`A work item in state "${state}" cannot take the event "${event}".`);
    this.name = "InvalidTransitionError";
  }
}

export function decide(item: WorkItemSnapshot, event: WorkItemEvent): Decision {
  const stay = (effects: Effect[] = [], reason: string | null = item.reason): Decision => ({ state: item.state, currentPass: item.currentPass, reason, effects });
  switch (event.type) {
    case "start_requested":
      // Starting again is allowed only from `blocked` (the person fixed what blocked it).
      if (item.state !== "blocked" && item.currentPass !== null) return stay();
      return { state: "queued", currentPass: event.firstPass, reason: null, effects: [{ kind: "enqueue_pass", passId: event.firstPass }] };
    case "dispatch_refused":
      if (item.state === "done") throw new InvalidTransitionError(item.state, event.type);
      return { state: "blocked", currentPass: item.currentPass, reason: event.reason, effects: [] };
    case "pass_started":
      if (item.state !== "queued" || item.currentPass !== event.passId) throw new InvalidTransitionError(item.state, event.type);
      return { state: "running", currentPass: event.passId, reason: null, effects: [] };
    case "pass_opened":
      if (item.state !== "running" || item.currentPass !== event.passId) throw new InvalidTransitionError(item.state, event.type);
      return { state: "awaiting_gate", currentPass: event.passId, reason: null, effects: [] };
    case "pass_failed":
      if (item.currentPass !== event.passId) throw new InvalidTransitionError(item.state, event.type);
      return { state: "failed", currentPass: event.passId, reason: event.reason, effects: [] };
    case "pass_merged":
      if (item.state !== "awaiting_gate" || item.currentPass !== event.passId) throw new InvalidTransitionError(item.state, event.type);
      if (event.nextPass === null) return { state: "done", currentPass: event.passId, reason: null, effects: [{ kind: "close_issue" }] };
      return { state: "queued", currentPass: event.nextPass, reason: null, effects: [{ kind: "enqueue_pass", passId: event.nextPass }] };
    case "merge_refused":
      if (item.state !== "awaiting_gate" || item.currentPass !== event.passId) throw new InvalidTransitionError(item.state, event.type);
      return stay([], event.reason);
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled event ${JSON.stringify(value)}`);
}
