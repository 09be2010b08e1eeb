import { describe, expect, it } from "vitest";
import { labelingEvent } from "../../src/app/labeling-event.ts";
import type { LabelEventFacts } from "../../src/orchestrator/sweep-reads.ts";

const user = (login: string, type = "User") => ({ login, type });

describe("labelingEvent", () => {
  it("credits the latest add of the label, not an earlier add that was taken off again", () => {
    const events: LabelEventFacts[] = [
      { id: 1, event: "labeled", label: "pitwall", actor: user("carol") },
      { id: 2, event: "unlabeled", label: "pitwall", actor: user("carol") },
      { id: 3, event: "labeled", label: "pitwall", actor: user("helper[bot]", "Bot") },
    ];
    expect(labelingEvent(events, ["pitwall"])?.id).toBe(3);
  });

  it("of several starting labels, takes the one whose current add came first", () => {
    const events: LabelEventFacts[] = [
      { id: 1, event: "labeled", label: "pitwall:bug", actor: user("dave") },
      { id: 2, event: "labeled", label: "pitwall", actor: user("carol") },
      { id: 3, event: "unlabeled", label: "pitwall:bug", actor: user("dave") },
      { id: 4, event: "labeled", label: "pitwall:bug", actor: user("erin") },
    ];
    expect(labelingEvent(events, ["pitwall:bug", "pitwall"])?.id).toBe(2);
  });

  it("finds nothing when no add of a label still on the issue is in the log", () => {
    expect(labelingEvent([{ id: 1, event: "labeled", label: "other", actor: user("carol") }], ["pitwall"])).toBeUndefined();
  });
});
