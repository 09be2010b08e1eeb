import { describe, expect, it } from "vitest";
import { describeWorkflowChoice } from "../../src/orchestrator/describe-workflow-choice.ts";

describe("describeWorkflowChoice", () => {
  it.each([
    ["another workflow than the analyst proposed", { state: "proposed", workflow: "unclassified", proposal: { workflow: "feature" } }, "docs", "overrode the analyst's proposal: feature"],
    ["the workflow the analyst proposed", { state: "proposed", workflow: "unclassified", proposal: { workflow: "docs" } }, "docs", "accepted the analyst's proposal"],
    ["a switch from a running workflow", { state: "awaiting_gate", workflow: "bug", proposal: null }, "security", "from the bug workflow"],
    ["a switch after the analyst's proposal was taken", { state: "running", workflow: "feature", proposal: { workflow: "feature" } }, "docs", "from the feature workflow"],
  ])("names %s", (_case, item, name, expected) => {
    expect(describeWorkflowChoice(item, name)).toBe(expected);
  });
});
