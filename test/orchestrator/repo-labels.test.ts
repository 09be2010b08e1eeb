import { describe, expect, it } from "vitest";
import { repoLabels } from "../../src/orchestrator/repo-labels.ts";
import { ownLabels } from "../../src/orchestrator/own-labels.ts";

describe("repoLabels", () => {
  const labels = repoLabels([
    { name: "feature", label: "pitwall:feature", description: "A new feature." },
    { name: "bug", label: "pitwall:bug", description: "A production bug, fast and correct — diagnose, patch, verify." },
  ]);

  it("lists the analyst's label, each workflow's label (sorted) and Pitwall's own labels", () => {
    expect(labels.map((label) => label.name)).toEqual(["pitwall", "pitwall:bug", "pitwall:feature", "pitwall:needs-human", "pitwall:paused-budget"]);
  });

  it("covers every label Pitwall puts on issues itself", () => {
    for (const own of ownLabels) expect(labels.map((label) => label.name)).toContain(own);
  });

  it("gives each a colour GitHub accepts and a description naming what it does", () => {
    for (const label of labels) expect(label.color).toMatch(/^[0-9a-f]{6}$/);
    expect(labels.find((label) => label.name === "pitwall:bug")?.description).toBe("Pitwall runs the bug workflow: A production bug");
  });
});
