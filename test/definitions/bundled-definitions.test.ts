import { matchesGlob } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { agentCategories } from "../../src/definitions/agent.schema.ts";
import { formatProblem, readDefinitionFiles, resolveDefinitions, type DefinitionSet, type Workflow } from "../../src/definitions/index.ts";

// The default workflows and agents shipped in `workflows/` and `agents/`, loaded the way the app
// loads them at start (start-pitwall.ts) and resolved for a repo without any config or overrides.

const root = fileURLToPath(new URL("../../", import.meta.url));

const expectedPasses: Record<string, string[]> = {
  feature: ["spec", "design", "ir", "validate-ir", "implement", "verify", "integrate", "document"],
  bug: ["diagnose", "patch", "verify", "deploy", "post-incident"],
  security: ["diagnose", "patch", "verify", "compliance", "deploy", "post-incident"],
  refactor: ["scope", "implement", "verify"],
  docs: ["write", "review"],
};

const githubPaths = [".github/workflows/ci.yml", ".github/pitwall.yml", ".github/pitwall/agents/implementer.md", ".github/CODEOWNERS", ".github/dependabot.yml"];

let set: DefinitionSet;

beforeAll(async () => {
  const bundled = { workflowFiles: await readDefinitionFiles(root, "workflows"), agentFiles: await readDefinitionFiles(root, "agents") };
  const resolved = resolveDefinitions(bundled, { configText: undefined, workflowFiles: [], agentFiles: [] });
  if (!resolved.ok) throw new Error(`bundled definitions do not resolve:\n${resolved.problems.map(formatProblem).join("\n")}`);
  set = resolved.set;
});

const workflow = (name: string): Workflow => {
  const found = set.workflows.get(name);
  if (!found) throw new Error(`no bundled workflow "${name}"`);
  return found;
};

const passOf = (workflowName: string, passId: string) => {
  const found = workflow(workflowName).passes.find((pass) => pass.id === passId);
  if (!found) throw new Error(`workflow "${workflowName}" has no pass "${passId}"`);
  return found;
};

const allPasses = () => [...set.workflows.values()].flatMap((w) => w.passes.map((pass) => ({ workflow: w.name, pass })));

describe("bundled workflows", () => {
  it("load without problems", () => {
    expect(set.problems.map(formatProblem)).toEqual([]);
  });

  it("are exactly feature, bug, security, refactor and docs, with their passes in order", () => {
    expect([...set.workflows.keys()].sort()).toEqual(Object.keys(expectedPasses).sort());
    for (const [name, passIds] of Object.entries(expectedPasses)) {
      expect(workflow(name).passes.map((pass) => pass.id), name).toEqual(passIds);
      expect(workflow(name).label).toBe(`pitwall:${name}`);
      expect(workflow(name).file).toBe(`workflows/${name}.md`);
      expect(workflow(name).body.length, `${name} explains its gates`).toBeGreaterThan(200);
    }
  });

  it("rank security over bug over feature over refactor over docs, and forecast within budget", () => {
    const priorities = ["security", "bug", "feature", "refactor", "docs"].map((name) => workflow(name).priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(new Set(priorities).size).toBe(priorities.length);
    for (const w of set.workflows.values()) {
      expect(w.budget_usd, w.name).toBeDefined();
      expect(w.forecast_usd, w.name).toBeDefined();
      expect(w.forecast_usd!, w.name).toBeLessThanOrEqual(w.budget_usd!);
    }
  });

  it("name agents that exist, as generators and verifiers, never one agent in both roles on a pass", () => {
    for (const { workflow: name, pass } of allPasses()) {
      expect(set.agents.has(pass.agent), `${name}/${pass.id} agent ${pass.agent}`).toBe(true);
      for (const verifier of pass.gate.verifiers) {
        expect(set.agents.has(verifier), `${name}/${pass.id} verifier ${verifier}`).toBe(true);
        expect(verifier, `${name}/${pass.id}`).not.toBe(pass.agent);
      }
    }
  });

  it("give every gate two to four written criteria, and verifiers to every agent or hybrid gate", () => {
    for (const { workflow: name, pass } of allPasses()) {
      expect(pass.gate.criteria.length, `${name}/${pass.id}`).toBeGreaterThanOrEqual(2);
      expect(pass.gate.criteria.length, `${name}/${pass.id}`).toBeLessThanOrEqual(4);
      if (pass.gate.kind === "agent" || pass.gate.kind === "both") expect(pass.gate.verifiers.length, `${name}/${pass.id}`).toBeGreaterThan(0);
    }
  });

  it("feed each pass the issue and only artifacts an earlier pass of the same workflow produced", () => {
    for (const w of set.workflows.values()) {
      const produced = new Set<string>();
      for (const pass of w.passes) {
        expect(pass.inputs[0], `${w.name}/${pass.id}`).toBe("issue");
        for (const input of pass.inputs.slice(1)) expect(produced.has(input), `${w.name}/${pass.id} input ${input}`).toBe(true);
        for (const output of pass.outputs) {
          expect(produced.has(output), `${w.name}/${pass.id} output ${output} is written twice`).toBe(false);
          produced.add(output);
        }
      }
    }
  });

  it("make every security gate human-reviewed, by someone other than the initiator, the issue's author and the pass PR's pushers, escalating to a person", () => {
    for (const pass of workflow("security").passes) {
      expect(["human", "both"], pass.id).toContain(pass.gate.kind);
      expect(pass.gate.separate_from, pass.id).toEqual(["initiator", "issue_author", "pushers"]);
      expect(pass.gate.required_approvals, pass.id).toBe(1);
      expect(pass.gate.escalation, pass.id).toBe("human");
    }
  });

  it("loop implement and patch passes on the repo's CI", () => {
    const coding = allPasses().filter(({ pass }) => pass.id === "implement" || pass.id === "patch");
    expect(coding.map(({ workflow: name, pass }) => `${name}/${pass.id}`).sort()).toEqual(["bug/patch", "feature/implement", "refactor/implement", "security/patch"]);
    for (const { workflow: name, pass } of coding) {
      expect(pass.agent, `${name}/${pass.id}`).toBe("implementer");
      expect(pass.ci_feedback?.max_iterations, `${name}/${pass.id}`).toBe(2);
    }
    for (const name of ["feature", "bug", "refactor"]) expect(passOf(name, name === "bug" ? "patch" : "implement").gate.kind).toBe("ci");
    for (const { pass } of allPasses().filter(({ pass }) => pass.id !== "implement" && pass.id !== "patch")) expect(pass.ci_feedback).toBeUndefined();
  });

  it("deploy the feature to staging and bug and security fixes to production, and nothing else, each waiting 60 minutes for a deploy system by default", () => {
    expect(passOf("feature", "integrate").deploy).toEqual({ environment: "staging", production: false, timeout_minutes: 60 });
    expect(passOf("bug", "deploy").deploy).toEqual({ environment: "production", production: true, timeout_minutes: 60 });
    expect(passOf("security", "deploy").deploy).toEqual({ environment: "production", production: true, timeout_minutes: 60 });
    const deploying = allPasses().filter(({ pass }) => pass.deploy !== undefined);
    expect(deploying.map(({ workflow: name, pass }) => `${name}/${pass.id}`).sort()).toEqual(["bug/deploy", "feature/integrate", "security/deploy"]);
    for (const { pass } of deploying) expect(pass.agent).toBe("deployer");
  });

  it("defer the documentation of bug and security fixes to a follow-up issue", () => {
    for (const name of ["bug", "security"]) {
      const followUp = passOf(name, "post-incident").follow_up_issue;
      expect(followUp, name).toBeDefined();
      expect(followUp!.title).toMatch(/^Document .*#\{number\}: \{title\}$/);
      expect(followUp!.body).toContain("#{number}");
      expect(followUp!.body).toContain("CHANGELOG.md");
      expect(followUp!.labels).toEqual(["documentation"]);
    }
    const withFollowUp = allPasses().filter(({ pass }) => pass.follow_up_issue !== undefined);
    expect(withFollowUp.map(({ workflow: name, pass }) => `${name}/${pass.id}`).sort()).toEqual(["bug/post-incident", "security/post-incident"]);
  });
});

describe("bundled agents", () => {
  it("each have a file named after them and a system prompt that treats issue text as data", () => {
    expect(set.agents.size).toBeGreaterThanOrEqual(18);
    for (const agent of set.agents.values()) {
      expect(agent.file).toBe(`agents/${agent.name}.md`);
      expect(agent.prompt.length, agent.name).toBeGreaterThan(500);
      expect(agent.prompt, agent.name).toMatch(/quoted data/);
      expect(agent.prompt, agent.name).toMatch(/never instructions/);
    }
  });

  it("are of the categories their roles call for", () => {
    const categories = Object.fromEntries([...set.agents.values()].map((agent) => [agent.name, agent.category]));
    expect(categories).toMatchObject({
      analyst: "analyst",
      specifier: "specifier",
      architect: "architect",
      implementer: "implementer",
      "code-reviewer": "verifier",
      "security-reviewer": "verifier",
      "test-reviewer": "verifier",
      "spec-aligner": "verifier",
      "compliance-reviewer": "verifier",
      deployer: "deployer",
      documenter: "documenter",
      diagnostician: "diagnostician",
      "technical-writer": "writer",
      "program-manager": "program",
      monitor: "monitor",
      "product-manager": "product",
      "ux-designer": "design",
      "qa-engineer": "qa",
    });
  });

  it("cover every category of the schema", () => {
    const covered = new Set([...set.agents.values()].map((agent) => agent.category));
    for (const category of agentCategories) expect(covered.has(category), category).toBe(true);
  });

  it("are each used by a bundled workflow, as a pass's agent or a gate verifier, except the analyst", () => {
    const used = new Set(allPasses().flatMap(({ pass }) => [pass.agent, ...pass.gate.verifiers]));
    const unused = [...set.agents.keys()].filter((name) => !used.has(name));
    // The analyst runs outside any workflow: it classifies an issue labelled plain `pitwall`.
    expect(unused).toEqual(["analyst"]);
  });

  it("put the non-developer roles where a team would: product on the spec, design on the design, QA on staging, monitor on production deploys", () => {
    const verifiersOf = (workflowName: string, passId: string) => ({ kind: passOf(workflowName, passId).gate.kind, verifiers: passOf(workflowName, passId).gate.verifiers });
    expect(verifiersOf("feature", "spec")).toEqual({ kind: "both", verifiers: ["product-manager"] });
    expect(verifiersOf("feature", "design")).toEqual({ kind: "both", verifiers: ["ux-designer"] });
    expect(verifiersOf("feature", "integrate")).toEqual({ kind: "both", verifiers: ["qa-engineer"] });
    expect(verifiersOf("bug", "deploy")).toEqual({ kind: "both", verifiers: ["monitor"] });
    expect(verifiersOf("security", "deploy")).toEqual({ kind: "both", verifiers: ["monitor"] });
  });

  it("give the non-developer roles read tools and write access to the work item's artifacts only", () => {
    for (const name of ["monitor", "product-manager", "ux-designer", "qa-engineer", "program-manager"]) {
      const agent = set.agents.get(name)!;
      expect(agent.access.write, name).toEqual(["docs/work/**"]);
      expect(agent.tools.filter((tool) => tool === "write_file" || tool === "edit_file"), name).toEqual([]);
    }
    for (const name of ["monitor", "product-manager", "ux-designer", "qa-engineer"]) {
      expect(set.agents.get(name)?.tools, name).toEqual(["read_file", "list_files", "search_text"]);
      expect(set.agents.get(name)?.prompt, name).toContain("submit_artifacts");
      expect(set.agents.get(name)?.prompt, name).toContain("submit_verdict");
    }
  });

  it("tell each agent the tool it submits with, in every role the workflows give it", () => {
    const generators = new Set(allPasses().map(({ pass }) => pass.agent));
    const verifiers = new Set(allPasses().flatMap(({ pass }) => pass.gate.verifiers));
    for (const name of generators) expect(set.agents.get(name)?.prompt, name).toContain("submit_artifacts");
    for (const name of verifiers) expect(set.agents.get(name)?.prompt, name).toContain("submit_verdict");
    for (const agent of [...set.agents.values()].filter((a) => a.category === "verifier")) {
      expect(agent.prompt, agent.name).toContain("submit_verdict");
      expect(agent.prompt, agent.name).toContain("submit_artifacts");
    }
    const analyst = set.agents.get("analyst");
    expect(analyst?.prompt).toContain("propose_workflow");
    expect(analyst).toMatchObject({ tier: "cheap", context: ["issue"], access: { write: [] } });
  });

  it("let the implementer write code and tests in common layouts and the work item's artifacts", () => {
    const implementer = set.agents.get("implementer")!;
    expect(implementer.context).toEqual(["issue", "artifacts", "repo_files", "ci_failures", "review_feedback"]);
    for (const path of ["src/index.ts", "lib/a/b.rb", "app/models/user.py", "test/a.test.ts", "tests/test_a.py", "spec/a_spec.rb", "docs/work/12-dark-mode/implementation.md"]) {
      expect(implementer.access.write.some((glob) => matchesGlob(path, glob)), path).toBe(true);
    }
    for (const path of ["package.json", "Dockerfile", "README.md"]) expect(implementer.access.write.some((glob) => matchesGlob(path, glob)), path).toBe(false);
  });

  it("never let any agent write under .github/", () => {
    for (const agent of set.agents.values()) {
      for (const path of githubPaths) {
        expect(
          agent.access.write.filter((glob) => matchesGlob(path, glob)),
          `${agent.name} may write ${path}`,
        ).toEqual([]);
      }
    }
  });

  it("leave access.write empty only for the analyst, which proposes a workflow and never writes", () => {
    // The runtime reads an empty list as "no restriction" (src/agents/write-access.ts), so only an
    // agent whose submission carries no files may have one.
    expect([...set.agents.values()].filter((agent) => agent.access.write.length === 0).map((agent) => agent.name)).toEqual(["analyst"]);
  });

  it("let the diagnostician step up to the frontier tier", () => {
    expect(set.agents.get("diagnostician")).toMatchObject({ tier: "mid", escalation: { step_up: true, max_tier: "frontier" } });
  });
});
