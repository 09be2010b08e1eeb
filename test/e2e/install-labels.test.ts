import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repo, startLifecycle, type Lifecycle } from "../../windtunnel/index.ts";
import { logLinesStream } from "../support/log-lines-stream.ts";

// Pitwall creates its labels when it is installed on a repository or a repository is added to
// its installation (issue 14, point 6): a maintainer finds `pitwall:feature` and the others in
// the label picker without making them by hand, and labels they made first are left alone.

const bundledLabels = ["pitwall", "pitwall:bug", "pitwall:docs", "pitwall:feature", "pitwall:refactor", "pitwall:security", "pitwall:needs-human", "pitwall:paused-budget"];

const hotfixWorkflow = `---
name: hotfix
version: 1
label: pitwall:hotfix
description: A one-pass fix for small production problems.
priority: 60
forecast_usd: 0.5
passes:
  - id: design
    agent: architect
    description: Issue → a short fix design.
    inputs: [issue]
    outputs: [design.md]
    gate: { kind: human, criteria: ["The design fixes the problem."], approvers: write, required_approvals: 1, max_iterations: 2, merge: auto }
---

# Hotfix
`;

function labelsOf(life: Lifecycle, repoName: string): Map<string, { color: string; description: string | null }> {
  const labels = [...life.tunnel.github.state.labels.values()].filter((label) => label.repoKey === repoName);
  return new Map(labels.map((label) => [label.name, { color: label.color, description: label.description }]));
}

describe("Pitwall's labels on install", () => {
  let life: Lifecycle;
  const logLines: string[] = [];

  beforeAll(async () => {
    life = await startLifecycle({
      log: { logLevel: "info", logStream: logLinesStream(logLines) },
      // The maintainer made `pitwall:needs-human` their own way before installing Pitwall.
      beforeInstall: (github) => github.createLabel(repo, { name: "Pitwall:Needs-Human", color: "123456", description: "Ours, not Pitwall's" }),
    });
    await life.tunnel.settle();
  }, 60_000);
  afterAll(async () => {
    await life?.close();
  });

  it("creates every label Pitwall uses in the repository it is installed on, each with a colour and a description", () => {
    const labels = labelsOf(life, repo);
    for (const name of bundledLabels.filter((candidate) => candidate !== "pitwall:needs-human")) {
      const label = labels.get(name);
      expect(label, name).toBeDefined();
      expect(label?.color).toMatch(/^[0-9a-f]{6}$/);
      expect(label?.color).not.toBe("ededed");
      expect(label?.description?.length ?? 0).toBeGreaterThan(10);
      expect(label?.description?.length ?? 0).toBeLessThanOrEqual(100);
    }
    expect(labels.get("pitwall:feature")?.description).toContain("feature");
  });

  it("leaves a label the maintainer made first as it is (GitHub's label names ignore case)", () => {
    const labels = labelsOf(life, repo);
    expect(labels.get("Pitwall:Needs-Human")).toEqual({ color: "123456", description: "Ours, not Pitwall's" });
    expect([...labels.keys()].filter((name) => name.toLowerCase() === "pitwall:needs-human")).toHaveLength(1);
  });

  it("creates them in a repository added later, with the repository's own workflows from its default branch", async () => {
    life.tunnel.github.createRepo({ owner: "acme", name: "launchpad", files: { "README.md": "# Launchpad\n", ".github/pitwall/workflows/hotfix.md": hotfixWorkflow } });
    life.tunnel.github.changeInstallationRepos(life.tunnel.installationId, { add: ["acme/launchpad"] }, { by: "alice" });
    await life.tunnel.settle();
    const labels = labelsOf(life, "acme/launchpad");
    for (const name of [...bundledLabels, "pitwall:hotfix"]) expect(labels.has(name), name).toBe(true);
    expect(labels.get("pitwall:hotfix")?.description).toContain("one-pass fix");
    // The first repository did not get the second one's workflow.
    expect(labelsOf(life, repo).has("pitwall:hotfix")).toBe(false);
  });

  it("adding a repository again changes nothing and no job failed: a label that exists is not an error", async () => {
    const before = labelsOf(life, "acme/launchpad");
    life.tunnel.github.changeInstallationRepos(life.tunnel.installationId, { remove: ["acme/launchpad"] }, { by: "alice" });
    life.tunnel.github.changeInstallationRepos(life.tunnel.installationId, { add: ["acme/launchpad"] }, { by: "alice" });
    await life.tunnel.settle();
    expect(labelsOf(life, "acme/launchpad")).toEqual(before);
    const failed = await life.tunnel.pitwall.sql.query<{ kind: string; last_error: string | null }>("select kind, last_error from jobs where status <> 'done' or last_error is not null");
    expect(failed).toEqual([]);
    const jobs = await life.tunnel.pitwall.sql.query<{ kind: string }>("select kind from jobs where kind = 'create_labels'");
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    const errors = logLines.map((line) => JSON.parse(line) as { level: number; msg?: string }).filter((line) => line.level >= 50);
    expect(errors).toEqual([]);
  });
});
