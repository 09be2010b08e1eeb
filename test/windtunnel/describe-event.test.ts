import { describe, expect, it } from "vitest";
import { describeEvent } from "../../windtunnel/demo/describe-event.ts";

const checkRun = (action: string, status: string, conclusion: string | null) => ({
  event: "check_run",
  action,
  at: "2026-12-06T00:00:00Z",
  payload: { sender: { login: "pitwall[bot]" }, check_run: { name: "pitwall/secrets", status, conclusion } },
});

describe("describeEvent", () => {
  it("tells a check run's creation from its completion when both carry the same state", () => {
    const created = describeEvent(checkRun("created", "completed", "success"));
    const completed = describeEvent(checkRun("completed", "completed", "success"));
    expect(created).toBe(`${"pitwall[bot]".padEnd(16)} created check run pitwall/secrets: completed (success)`);
    expect(completed).toBe(`${"pitwall[bot]".padEnd(16)} completed check run pitwall/secrets (success)`);
  });

  it("leaves out events the timeline does not tell", () => {
    expect(describeEvent({ event: "check_suite", action: "completed", at: "", payload: {} })).toBeUndefined();
  });
});
