import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readDefinitionFiles, type DefinitionFile } from "../../src/definitions/index.ts";
import { verifyDefinitions, type ChangedFile } from "../../src/verifiers/index.ts";
import { added, brief, edit, modified, removed, renamed } from "./changes.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

const agent = (name: string) =>
  `---\nname: ${name}\nversion: 1\ncategory: specifier\ndescription: d\ncontext: [issue]\naccess:\n  write: ["docs/**"]\ntier: mid\n---\nYou write specs.\n`;

// Line 11 is `      kind: human` (its value at column 13): `---` is line 1 and the front matter starts on line 2.
const workflow = (name: string, agentName: string) =>
  `---\nname: ${name}\nversion: 1\nlabel: pitwall:${name}\ndescription: test\npasses:\n  - id: spec\n    agent: ${agentName}\n    outputs: [spec.md]\n    gate:\n      kind: human\n      criteria: [ok]\n---\nbody\n`;

const base: DefinitionFile[] = [
  { path: "agents/specifier.md", text: agent("specifier") },
  { path: "workflows/w.md", text: workflow("w", "specifier") },
  { path: "README.md", text: "# not a definition\n" },
];
const brokenAgent = { path: "agents/broken.md", text: "---\nname: broken\nversion: [1\n---\nprompt\n" };

const cases: { name: string; files: ChangedFile[]; baseFiles?: DefinitionFile[]; expected: string[] }[] = [
  { name: "a gate kind broken", files: [modified("workflows/w.md", workflow("w", "specifier"), edit(workflow("w", "specifier"), "kind: human", "kind: robot"))], expected: ["error workflows/w.md:11:13 Invalid workflow"] },
  { name: "a repo workflow naming an unknown agent", files: [added(".github/pitwall/workflows/hotfix.md", workflow("hotfix", "ghost"))], expected: ["error .github/pitwall/workflows/hotfix.md:8:12 Invalid workflow"] },
  { name: "an agent file without front matter", files: [added(".github/pitwall/agents/helper.md", "You help.\n")], expected: ["error .github/pitwall/agents/helper.md:1:1 Invalid agent"] },
  { name: "an invalid model in the config", files: [added(".github/pitwall.yml", "# Models per tier\ntiers:\n  cheap: [gpt-4o]\n")], expected: ["error .github/pitwall.yml:3:11 Invalid Pitwall config"] },
  { name: "a YAML syntax error in the config", files: [added(".github/pitwall.yml", "tiers:\n  cheap: [openai/gpt-4o\n")], expected: ["error .github/pitwall.yml:3:1 Invalid Pitwall config"] },
  { name: "a workflow renamed and broken on the way", files: [renamed("workflows/w.md", "workflows/x.md", workflow("w", "specifier"), workflow("w", "writer"))], expected: ["error workflows/x.md:8:12 Invalid workflow"] },
  // Clean: nothing, or only valid definitions, changed.
  { name: "a change that touches no definitions", files: [modified("src/math.ts", "a\n", "b\n")], baseFiles: [...base, brokenAgent], expected: [] },
  { name: "a broken file the change does not touch", files: [modified("agents/specifier.md", agent("specifier"), edit(agent("specifier"), "description: d", "description: writes specs"))], baseFiles: [...base, brokenAgent], expected: [] },
  { name: "a repo workflow using an agent from the base", files: [added(".github/pitwall/workflows/hotfix.md", workflow("hotfix", "specifier"))], expected: [] },
  { name: "a broken file fixed", files: [modified("agents/broken.md", brokenAgent.text, agent("broken"))], baseFiles: [...base, brokenAgent], expected: [] },
  { name: "a definition deleted", files: [removed("agents/broken.md", brokenAgent.text)], baseFiles: [...base, brokenAgent], expected: [] },
  { name: "a Markdown file beside the definitions", files: [added("workflows/README.md", "# Workflows\n")], expected: [] },
];

describe("definitions", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, { files, baseFiles, expected }) => {
    expect(verifyDefinitions(files, { baseFiles: baseFiles ?? base }).map(brief)).toEqual(expected);
  });

  it("does not load anything when the change touches no definitions", () => {
    const unreadable = new Proxy<DefinitionFile[]>([], {
      get() {
        throw new Error("the base files were read");
      },
    });
    expect(verifyDefinitions([modified("src/math.ts", "a\n", "b\n")], { baseFiles: unreadable })).toEqual([]);
    expect(() => verifyDefinitions([modified("workflows/w.md", "a\n", "b\n")], { baseFiles: unreadable })).toThrow("the base files were read");
  });

  it("gives the field and the loader's message", () => {
    const [finding] = verifyDefinitions([added(".github/pitwall/workflows/hotfix.md", workflow("hotfix", "ghost"))], { baseFiles: base });
    expect(finding?.verifier).toBe("definitions");
    expect(finding?.message).toBe('passes[0].agent: no agent named "ghost" (looked in agents/ and .github/pitwall/agents/)');
  });

  it("resolves agents from bundled defaults when given", () => {
    const files = [added(".github/pitwall/workflows/hotfix.md", workflow("hotfix", "specifier"))];
    const bundled = { workflowFiles: [], agentFiles: [{ path: "bundled/agents/specifier.md", text: agent("specifier") }] };
    expect(verifyDefinitions(files, { baseFiles: [] }).map(brief)).toEqual(["error .github/pitwall/workflows/hotfix.md:8:12 Invalid workflow"]);
    expect(verifyDefinitions(files, { baseFiles: [], bundled })).toEqual([]);
  });

  it("checks a change to Pitwall's own bug workflow against the real definitions", async () => {
    const baseFiles = [...(await readDefinitionFiles(root, "workflows")), ...(await readDefinitionFiles(root, "agents"))];
    const bug = baseFiles.find((file) => file.path === "workflows/bug.md")?.text ?? "";
    const broken = edit(bug, "    agent: diagnostician\n", "    agent: diagnostician\n    tier: galactic\n");
    expect(verifyDefinitions([modified("workflows/bug.md", bug, broken)], { baseFiles }).map(brief)).toEqual(["error workflows/bug.md:12:11 Invalid workflow"]);
    expect(verifyDefinitions([modified("workflows/bug.md", bug, bug.replace("priority: 80", "priority: 85"))], { baseFiles })).toEqual([]);
  });
});
