// A work item's life as pure decisions: (state, event) → new state + effects.
// The orchestrator performs the effects; nothing here touches GitHub, a model, the store or
// the clock. Decisions that need facts (is the gate met, how many iterations are left) are
// made by the pure functions beside this one and arrive here as events.
//
// States
// - proposed:      a plain `pitwall` label; the analyst proposed a workflow, `/workflow` accepts.
// - queued:        the current pass waits for a worker (its first iteration).
// - running:       the current pass's agent is running.
// - awaiting_gate: the pass's PR is open; its gate is not met yet.
// - rework:        the gate sent the pass back (a rejection, failed CI, `/retry`); the next
//                  iteration waits for a worker.
// - escalated:     handed to a human (label `pitwall:needs-human`); `/retry`, `/approve`,
//                  `/reject` or `/cancel` move on.
// - paused:        `/pause`, a budget, or a lifecycle hold (the workflow label removed, the
//                  repository removed from the installation, the installation suspended);
//                  nothing is dispatched or merged until `/resume` or the hold is released.
// - blocked:       nothing can be dispatched until a person fixes something (no model provider
//                  configured, invalid config or definitions). Re-adding the label retries.
// - failed:        a pass failed in a way a retry will not fix by itself; `/retry` re-runs it.
// - cancelled:     `/cancel`, or the issue closed, transferred or deleted, or the app
//                  uninstalled; final, except that `/resume` after the issue is reopened runs
//                  the current pass again.
// - done:          the last pass's gate was met and merged; final, except that `/rerun` runs
//                  the workflow again (passes whose inputs are unchanged are reused).

export const workItemStates = [
  "proposed",
  "queued",
  "running",
  "awaiting_gate",
  "rework",
  "escalated",
  "paused",
  "blocked",
  "failed",
  "cancelled",
  "done",
] as const;
export type WorkItemState = (typeof workItemStates)[number];

/** States a work item can be paused from (and resumed to). */
export const pausableStates = ["proposed", "queued", "rework", "awaiting_gate", "escalated", "failed", "blocked"] as const;
export type PausableState = (typeof pausableStates)[number];

/**
 * What GitHub's lifecycle holds a work item with: its workflow label was removed, its issue was
 * closed, its repository was removed from the installation, or the installation was suspended.
 */
export const lifecycleHolds = ["label_removed", "issue_closed", "repo_removed", "installation_suspended"] as const;
export type LifecycleHold = (typeof lifecycleHolds)[number];

export interface WorkItemSnapshot {
  state: WorkItemState;
  currentPass: string | null;
  /** The current pass's iteration (1 for its first run). */
  iteration: number;
  reason: string | null;
  /** Where `/resume` returns to; set only while paused. */
  pausedFrom: PausableState | null;
}

export type ReworkTrigger = "rejected" | "ci_failed" | "retry" | "verifier_failed";

export type WorkItemEvent =
  | { type: "start_requested"; firstPass: string }
  | { type: "workflow_proposed"; reason: string }
  /** `/workflow <name>` accepted: start the chosen workflow's first pass. */
  | { type: "workflow_chosen"; firstPass: string }
  | { type: "dispatch_refused"; reason: string }
  | { type: "pass_started"; passId: string }
  | { type: "pass_opened"; passId: string }
  | { type: "pass_failed"; passId: string; reason: string }
  /** The gate sent the pass back: run `iteration` next, on the same PR. */
  | { type: "rework_requested"; passId: string; iteration: number; trigger: ReworkTrigger; reason: string }
  /** Hand the work item to a human: no more automatic iterations. */
  | { type: "escalated"; passId: string; reason: string }
  /** The gate was met and the pass's pull request merged. */
  | { type: "pass_merged"; passId: string; nextPass: string | null }
  /** A re-run found the pass's inputs unchanged: its approved outcome stands, no PR, next pass. */
  | { type: "pass_reused"; passId: string; nextPass: string | null }
  /** `/rerun` on a finished work item: the workflow runs again from its first pass. */
  | { type: "rerun_requested"; firstPass: string }
  /** The gate was met but GitHub refused the merge (branch protection, head moved). */
  | { type: "merge_refused"; passId: string; reason: string }
  | { type: "pause_requested" }
  /** A budget holds the next dispatch back (at its limit, or over); `/approve budget` or `/resume` retries it. */
  | { type: "budget_held"; reason: string }
  | { type: "resume_requested" }
  /** GitHub's lifecycle stops the work item for now (a running pass stops before its next call or write). */
  | { type: "hold_requested"; reason: string }
  | { type: "cancel_requested"; reason: string }
  /** `/resume` after a closed issue was reopened: the current pass runs again as `iteration`. */
  | { type: "revive_requested"; iteration: number };

export type Effect =
  | { kind: "enqueue_pass"; passId: string; iteration: number }
  | { kind: "close_issue" }
  /** Reopen the issue (a finished work item runs again). */
  | { kind: "reopen_issue" }
  /** Label `pitwall:needs-human` and mention the approvers with the reason. */
  | { kind: "hand_to_human"; passId: string; reason: string }
  /** Remove `pitwall:needs-human` (the work item left `escalated`). */
  | { kind: "release_human" }
  /** Close the open pass pull requests, saying why. */
  | { kind: "close_pass_pull_requests"; reason: string }
  /** Look at the current gate again (after `/resume`). */
  | { kind: "advance_gate" };

export interface Decision extends WorkItemSnapshot {
  effects: Effect[];
}

export class InvalidTransitionError extends Error {
  constructor(state: WorkItemState, event: WorkItemEvent["type"]) {
    super(`A work item in state "${state}" cannot take the event "${event}".`);
    this.name = "InvalidTransitionError";
  }
}

const finalStates: readonly WorkItemState[] = ["cancelled", "done"];

export function isFinal(state: WorkItemState): boolean {
  return finalStates.includes(state);
}

// eslint-disable-next-line max-lines-per-function -- the transition table: one switch over every event reads as the state machine, each case beside its guard
export function decide(item: WorkItemSnapshot, event: WorkItemEvent): Decision {
  const refuse = (): never => {
    throw new InvalidTransitionError(item.state, event.type);
  };
  const to = (state: WorkItemState, changes: Partial<WorkItemSnapshot> = {}, effects: Effect[] = []): Decision => ({
    state,
    currentPass: item.currentPass,
    iteration: item.iteration,
    reason: null,
    pausedFrom: null,
    ...changes,
    effects: item.state === "escalated" && state !== "escalated" && state !== "paused" ? [{ kind: "release_human" }, ...effects] : effects,
  });
  const isCurrent = (passId: string) => item.currentPass === passId;

  switch (event.type) {
    case "start_requested":
      // A fresh work item starts; a blocked one starts again once the person fixed the cause.
      if (!(item.state === "blocked" || (item.state === "queued" && item.currentPass === null))) return { ...item, effects: [] };
      return to("queued", { currentPass: event.firstPass, iteration: 1 }, [{ kind: "enqueue_pass", passId: event.firstPass, iteration: 1 }]);
    case "workflow_proposed":
      if (item.state !== "queued" || item.currentPass !== null) return refuse();
      return to("proposed", { reason: event.reason });
    case "workflow_chosen":
      // Allowed before the first gate is met; the caller checks that no pass has merged.
      if (isFinal(item.state) || item.state === "paused" || item.state === "running") return refuse();
      return to("queued", { currentPass: event.firstPass, iteration: 1 }, [{ kind: "enqueue_pass", passId: event.firstPass, iteration: 1 }]);
    case "dispatch_refused":
      if (isFinal(item.state)) return refuse();
      return to("blocked", { reason: event.reason });
    case "pass_started":
      if (!(item.state === "queued" || item.state === "rework") || !isCurrent(event.passId)) return refuse();
      return to("running");
    case "pass_opened":
      if (item.state !== "running" || !isCurrent(event.passId)) return refuse();
      return to("awaiting_gate");
    case "pass_failed":
      if (isFinal(item.state) || !isCurrent(event.passId)) return refuse();
      return to("failed", { reason: event.reason });
    case "rework_requested":
      if (!["awaiting_gate", "escalated", "failed"].includes(item.state) || !isCurrent(event.passId) || event.iteration <= item.iteration) return refuse();
      return to("rework", { iteration: event.iteration, reason: `${reworkLabel[event.trigger]}: ${event.reason}` }, [
        { kind: "enqueue_pass", passId: event.passId, iteration: event.iteration },
      ]);
    case "escalated":
      if (isFinal(item.state) || item.state === "paused" || !isCurrent(event.passId)) return refuse();
      if (item.state === "escalated") return { ...item, reason: event.reason, effects: [] };
      return to("escalated", { reason: event.reason }, [{ kind: "hand_to_human", passId: event.passId, reason: event.reason }]);
    case "pass_merged":
      if (!(item.state === "awaiting_gate" || item.state === "escalated") || !isCurrent(event.passId)) return refuse();
      if (event.nextPass === null) return to("done", {}, [{ kind: "close_issue" }]);
      return to("queued", { currentPass: event.nextPass, iteration: 1 }, [{ kind: "enqueue_pass", passId: event.nextPass, iteration: 1 }]);
    case "pass_reused":
      if (item.state !== "running" || !isCurrent(event.passId)) return refuse();
      if (event.nextPass === null) return to("done", {}, [{ kind: "close_issue" }]);
      return to("queued", { currentPass: event.nextPass, iteration: 1 }, [{ kind: "enqueue_pass", passId: event.nextPass, iteration: 1 }]);
    case "rerun_requested":
      if (item.state !== "done") return refuse();
      return to("queued", { currentPass: event.firstPass, iteration: 1 }, [{ kind: "reopen_issue" }, { kind: "enqueue_pass", passId: event.firstPass, iteration: 1 }]);
    case "merge_refused":
      if (!(item.state === "awaiting_gate" || item.state === "escalated") || !isCurrent(event.passId)) return refuse();
      return { ...item, reason: event.reason, effects: [] };
    case "pause_requested": {
      const from = item.state;
      if (!isPausable(from)) return refuse();
      return { ...item, state: "paused", pausedFrom: from, effects: [] };
    }
    case "budget_held":
      // Before a pass runs, or mid-run before a model call the budget has no room for: either way
      // the pass is dispatched again (from the start) when the hold is released.
      if (item.state === "running") return { ...item, state: "paused", pausedFrom: item.iteration > 1 ? "rework" : "queued", reason: event.reason, effects: [] };
      if (!(item.state === "queued" || item.state === "rework")) return refuse();
      return { ...item, state: "paused", pausedFrom: item.state, reason: event.reason, effects: [] };
    case "resume_requested": {
      if (item.state !== "paused" || item.pausedFrom === null) return refuse();
      const back = item.pausedFrom;
      const effects: Effect[] =
        (back === "queued" || back === "rework") && item.currentPass !== null
          ? [{ kind: "enqueue_pass", passId: item.currentPass, iteration: item.iteration }]
          : back === "awaiting_gate" || back === "escalated"
            ? [{ kind: "advance_gate" }]
            : [];
      return { ...item, state: back, pausedFrom: null, effects };
    }
    case "hold_requested":
      // Like a budget stop: a running pass is dispatched again from the start when released.
      if (isFinal(item.state)) return refuse();
      if (item.state === "paused") return { ...item, effects: [] };
      if (item.state === "running") return { ...item, state: "paused", pausedFrom: item.iteration > 1 ? "rework" : "queued", reason: event.reason, effects: [] };
      if (!isPausable(item.state)) return refuse();
      return { ...item, state: "paused", pausedFrom: item.state, reason: event.reason, effects: [] };
    case "cancel_requested":
      if (isFinal(item.state)) return refuse();
      return to("cancelled", { reason: event.reason }, [{ kind: "close_pass_pull_requests", reason: event.reason }]);
    case "revive_requested":
      if (item.state !== "cancelled" || item.currentPass === null || event.iteration < item.iteration) return refuse();
      return to(event.iteration > 1 ? "rework" : "queued", { iteration: event.iteration }, [{ kind: "enqueue_pass", passId: item.currentPass, iteration: event.iteration }]);
    default:
      return assertNever(event);
  }
}

const reworkLabel: Record<ReworkTrigger, string> = {
  rejected: "rejected",
  ci_failed: "CI failed",
  retry: "retry requested",
  verifier_failed: "a verifier failed",
};

export function isPausable(state: WorkItemState): state is PausableState {
  return (pausableStates as readonly string[]).includes(state);
}

function assertNever(value: never): never {
  throw new Error(`Unhandled event ${JSON.stringify(value)}`);
}
