import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatProblem, loadDefinitions, readDefinitionFiles, resolveDefinitions } from "../../src/definitions/index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

const agent = (name: string, extra = "") => ({
  path: `agents/${name}.md`,
  text: `---\nname: ${name}\nversion: 1\ncategory: specifier\ndescription: d\ncontext: [issue]\naccess:\n  write: ["docs/**"]\ntier: mid\n${extra}---\nYou write specs.\n`,
});

const workflow = (passes: string) => ({
  path: "workflows/w.md",
  text: `---\nname: w\nversion: 1\nlabel: pitwall:w\ndescription: test\npasses:\n${passes}---\nbody\n`,
});

const pass = (agentName: string, gateExtra = "") =>
  `  - id: spec\n    agent: ${agentName}\n    outputs: [spec.md]\n    gate:\n      kind: human\n      criteria: [ok]\n${gateExtra}`;

describe("bundled definitions", () => {
  it("load without problems and give the feature workflow its first two passes' agents", async () => {
    const set = loadDefinitions(await readDefinitionFiles(root, "workflows"), await readDefinitionFiles(root, "agents"));
    expect(set.problems.map(formatProblem)).toEqual([]);
    const feature = set.workflows.get("feature");
    expect(feature?.label).toBe("pitwall:feature");
    expect(feature?.passes.slice(0, 2).map((p) => [p.id, p.agent])).toEqual([
      ["spec", "specifier"],
      ["design", "architect"],
    ]);
    expect(set.agents.get("specifier")?.prompt).toContain("specification");
  });
});

describe("invalid definitions", () => {
  it("name the file, the line and the field of a bad value, and leave the file out", () => {
    const set = loadDefinitions([workflow(pass("specifier").replace("kind: human", "kind: robot"))], [agent("specifier")]);
    expect(set.workflows.size).toBe(0);
    expect(set.problems).toHaveLength(1);
    const [problem] = set.problems;
    expect(problem?.file).toBe("workflows/w.md");
    expect(problem?.field).toBe("passes[0].gate.kind");
    // Line 11 of the file: `---` is line 1, the front matter starts on line 2.
    expect(problem?.line).toBe(11);
    expect(formatProblem(problem!)).toMatch(/^workflows\/w\.md:11:\d+: passes\[0\]\.gate\.kind: /);
  });

  it("point a missing field at its parent's line", () => {
    const set = loadDefinitions([workflow("  - id: spec\n    agent: specifier\n    gate:\n      kind: human\n      criteria: [ok]\n")], [agent("specifier")]);
    const problem = set.problems.find((p) => p.field === "passes[0].outputs");
    expect(problem?.line).toBe(7);
  });

  it.each(["0", "1441", "7.5", '"an hour"'])("refuse a deploy time limit of %s minutes with what is allowed", (value) => {
    const deployPass = pass("specifier").replace("    gate:\n", `    deploy:\n      environment: staging\n      timeout_minutes: ${value}\n    gate:\n`);
    const set = loadDefinitions([workflow(deployPass)], [agent("specifier")]);
    expect(set.workflows.size).toBe(0);
    expect(set.problems.map(formatProblem)).toEqual([expect.stringMatching(/^workflows\/w\.md:\d+:\d+: passes\[0\]\.deploy\.timeout_minutes: timeout_minutes is a whole number of minutes from 1 to 1440 \(a day\)$/)]);
  });

  it("give a deploy pass a time limit of 60 minutes unless it says otherwise", () => {
    const deployPass = (extra: string) => pass("specifier").replace("    gate:\n", `    deploy:\n      environment: staging\n${extra}    gate:\n`);
    expect(loadDefinitions([workflow(deployPass(""))], [agent("specifier")]).workflows.get("w")?.passes[0]?.deploy?.timeout_minutes).toBe(60);
    expect(loadDefinitions([workflow(deployPass("      timeout_minutes: 15\n"))], [agent("specifier")]).workflows.get("w")?.passes[0]?.deploy?.timeout_minutes).toBe(15);
  });

  it("report YAML syntax errors with their line", () => {
    const set = loadDefinitions([], [{ path: "agents/bad.md", text: "---\nname: bad\nversion: [1\n---\nprompt\n" }]);
    expect(set.problems[0]?.file).toBe("agents/bad.md");
    expect(set.problems[0]?.message).toMatch(/invalid YAML/);
    expect(set.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("reject a file without front matter", () => {
    const set = loadDefinitions([], [{ path: "agents/plain.md", text: "just prose" }]);
    expect(formatProblem(set.problems[0]!)).toBe("agents/plain.md:1:1: the file must start with YAML front matter between two `---` lines");
  });

  it("reject a pass whose agent does not exist, at the agent line", () => {
    const set = loadDefinitions([workflow(pass("ghost"))], [agent("specifier")]);
    expect(set.problems[0]).toMatchObject({ file: "workflows/w.md", line: 8, field: "passes[0].agent" });
    expect(set.problems[0]?.message).toContain('no agent named "ghost"');
  });

  it("refuse a gate verified by the agent that generated the pass", () => {
    const set = loadDefinitions([workflow(pass("specifier", "      verifiers: [specifier]\n"))], [agent("specifier")]);
    expect(set.problems[0]?.field).toBe("passes[0].gate.verifiers[0]");
    expect(set.problems[0]?.message).toContain("cannot also verify");
  });

  it("reject unknown keys rather than ignore them", () => {
    const set = loadDefinitions([], [agent("specifier", "colour: blue\n")]);
    expect(set.problems[0]?.file).toBe("agents/specifier.md");
    expect(set.problems[0]?.message).toMatch(/colour/);
  });
});

describe("repo config", () => {
  it("reports an invalid .github/pitwall.yml with file, line and field, never throwing", () => {
    const resolved = resolveDefinitions({ workflowFiles: [], agentFiles: [] }, { configText: "tiers:\n  mid: [acme/model-x]\n", workflowFiles: [], agentFiles: [] });
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.problems[0]).toMatchObject({ file: ".github/pitwall.yml", line: 2, field: "tiers.mid[0]" });
  });

  it("lets a repo override a bundled agent by name", () => {
    const resolved = resolveDefinitions(
      { workflowFiles: [workflow(pass("specifier"))], agentFiles: [agent("specifier")] },
      { configText: undefined, workflowFiles: [], agentFiles: [{ ...agent("specifier"), path: ".github/pitwall/agents/specifier.md", text: agent("specifier").text.replace("You write specs.", "Repo prompt.") }] },
    );
    expect(resolved.ok && resolved.set.agents.get("specifier")?.prompt).toBe("Repo prompt.");
    expect(resolved.ok && resolved.config.artifacts.folder).toBe("docs/work");
  });

  it("reads budgets with their defaults, and points at a budget without owners", () => {
    const ok = resolveDefinitions({ workflowFiles: [], agentFiles: [] }, { configText: "budgets:\n  repo: { limit_usd: 200, owners: [olivia] }\n  workflows:\n    feature: { limit_usd: 50, owners: [olivia] }\n", workflowFiles: [], agentFiles: [] });
    expect(ok.ok && ok.config.budgets).toEqual({
      thresholds: { approaching: 0.8, over: 1.2 },
      low_priority_below: 40,
      repo: { limit_usd: 200, period: "monthly", owners: ["olivia"] },
      workflows: { feature: { limit_usd: 50, period: "monthly", owners: ["olivia"] } },
    });
    const bad = resolveDefinitions({ workflowFiles: [], agentFiles: [] }, { configText: "budgets:\n  repo:\n    limit_usd: 200\n    owners: []\n", workflowFiles: [], agentFiles: [] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems[0]).toMatchObject({ file: ".github/pitwall.yml", line: 4, field: "budgets.repo.owners", message: "a budget needs at least one owner" });
  });
});
