import { describe, expect, it } from "vitest";
import { deploymentStateAfter, deployTimeLimitOutcome, type DeployTimeLimitFacts } from "../../src/domain/deploy-time-limit.ts";

const deadline = new Date("2026-12-06T12:00:00Z");
const after = new Date("2026-12-06T12:00:01Z");
/** `null`: the work item has no open gate. */
const facts = (gate: Partial<NonNullable<DeployTimeLimitFacts["gate"]>> | null = {}): DeployTimeLimitFacts => ({
  watched: { passRunId: 7, deploymentId: 70, deadline },
  gate: gate === null ? undefined : { passRunId: 7, deploymentId: 70, deploymentState: "created", ...gate },
});

describe("deployTimeLimitOutcome", () => {
  it("times out when the deployment has no final status at the deadline", () => {
    expect(deployTimeLimitOutcome(facts(), deadline)).toBe("timed_out");
    expect(deployTimeLimitOutcome(facts({ deploymentState: "in_progress" }), after)).toBe("timed_out");
    expect(deployTimeLimitOutcome(facts({ deploymentState: null }), after)).toBe("timed_out");
  });

  it.each(["success", "failure", "error", "inactive"])("does nothing once the deploy system answered %s", (state) => {
    expect(deployTimeLimitOutcome(facts({ deploymentState: state }), after)).toBe("answered");
  });

  it("does nothing when the gate moved on: no gate, another pass run, or a new deployment after a push", () => {
    expect(deployTimeLimitOutcome(facts(null), after)).toBe("moved_on");
    expect(deployTimeLimitOutcome(facts({ passRunId: 8 }), after)).toBe("moved_on");
    expect(deployTimeLimitOutcome(facts({ deploymentId: 71 }), after)).toBe("moved_on");
  });

  it("marks a time-out once, and waits when it runs before the deadline", () => {
    expect(deployTimeLimitOutcome(facts({ deploymentState: "timed_out" }), after)).toBe("already_timed_out");
    expect(deployTimeLimitOutcome(facts(), new Date(deadline.getTime() - 1))).toBe("not_yet");
  });
});

describe("deploymentStateAfter", () => {
  it("keeps a time-out against a status that is not final, and lets a final one through", () => {
    expect(deploymentStateAfter("timed_out", "in_progress")).toBe("timed_out");
    expect(deploymentStateAfter("timed_out", "queued")).toBe("timed_out");
    expect(deploymentStateAfter("timed_out", "success")).toBe("success");
    expect(deploymentStateAfter("timed_out", "failure")).toBe("failure");
    expect(deploymentStateAfter("created", "in_progress")).toBe("in_progress");
  });
});
