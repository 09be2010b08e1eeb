import { agentSchema } from "./agent.schema.ts";
import { formatPath, type DefinitionProblem } from "./definition-problem.ts";
import type { Agent, DefinitionFile, DefinitionSet, Workflow } from "./definition-set.ts";
import { parseFrontMatter } from "./parse-front-matter.ts";
import type { SourceLocation } from "./parse-yaml-with-schema.ts";
import { workflowSchema } from "./workflow.schema.ts";

/**
 * Loads workflow and agent files into a definition set. Later files override earlier ones of
 * the same name (a repo's `.github/pitwall/` after the bundled defaults). A bad file never
 * throws: it is left out and its problems are listed with file, line and field.
 */
export function loadDefinitions(workflowFiles: DefinitionFile[], agentFiles: DefinitionFile[]): DefinitionSet {
  const problems: DefinitionProblem[] = [];
  const agents = new Map<string, Agent>();
  for (const file of agentFiles) {
    const parsed = parseFrontMatter(agentSchema, file.text, file.path);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    agents.set(parsed.value.frontMatter.name, { ...parsed.value.frontMatter, prompt: parsed.value.body, file: file.path });
    if (!parsed.value.body) problems.push({ file: file.path, line: 1, column: 1, field: "", message: "the agent has no system prompt: write it below the front matter" });
  }
  const workflows = new Map<string, Workflow>();
  for (const file of workflowFiles) {
    const parsed = parseFrontMatter(workflowSchema, file.text, file.path);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const workflow: Workflow = { ...parsed.value.frontMatter, body: parsed.value.body, file: file.path };
    const crossProblems = checkWorkflowAgainstAgents(workflow, agents, parsed.locate);
    problems.push(...crossProblems);
    if (crossProblems.length === 0) workflows.set(workflow.name, workflow);
  }
  return { workflows, agents, problems };
}

function checkWorkflowAgainstAgents(workflow: Workflow, agents: Map<string, Agent>, locate: (path: readonly PropertyKey[]) => SourceLocation): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const problem = (path: (string | number)[], message: string) =>
    problems.push({ file: workflow.file, ...locate(path), field: formatPath(path), message });
  const seen = new Set<string>();
  workflow.passes.forEach((pass, index) => {
    if (seen.has(pass.id)) problem(["passes", index, "id"], `pass id "${pass.id}" is used twice`);
    seen.add(pass.id);
    if (!agents.has(pass.agent)) problem(["passes", index, "agent"], `no agent named "${pass.agent}" (looked in agents/ and .github/pitwall/agents/)`);
    pass.gate.verifiers.forEach((verifier, verifierIndex) => {
      // Generators are never their own reviewers.
      if (verifier === pass.agent) problem(["passes", index, "gate", "verifiers", verifierIndex], `"${verifier}" generates this pass and cannot also verify it`);
      else if (!agents.has(verifier)) problem(["passes", index, "gate", "verifiers", verifierIndex], `no agent named "${verifier}"`);
    });
  });
  return problems;
}
