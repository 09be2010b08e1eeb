import { formatProblem, type DefinitionProblem } from "./definition-problem.ts";
import type { DefinitionFile, DefinitionSet, PinnedDefinitions } from "./definition-set.ts";
import { loadDefinitions } from "./load-definitions.ts";
import { configPath, configSchema, type PitwallConfig } from "./config.schema.ts";
import { parseYamlWithSchema } from "./parse-yaml-with-schema.ts";
import { resolveWriteGlobs } from "./resolve-write-globs.ts";

/** What a repository contributes at the pinned commit: its config file and definition overrides. */
export interface RepoDefinitionSources {
  configText: string | undefined;
  workflowFiles: DefinitionFile[];
  agentFiles: DefinitionFile[];
}

export interface BundledDefinitions {
  workflowFiles: DefinitionFile[];
  agentFiles: DefinitionFile[];
}

export type ResolvedDefinitions =
  | { ok: true; config: PitwallConfig; set: DefinitionSet }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * Combines the bundled defaults with a repository's overrides and config. Problems in the
 * config, or in a file the work item needs, stop the work item with the problems listed; the
 * app itself never fails on them.
 */
export function resolveDefinitions(bundled: BundledDefinitions, repo: RepoDefinitionSources): ResolvedDefinitions {
  const config = repo.configText === undefined ? ({ ok: true, value: configSchema.parse({}) } as const) : parseYamlWithSchema(configSchema, repo.configText, configPath);
  const set = loadDefinitions([...bundled.workflowFiles, ...repo.workflowFiles], [...bundled.agentFiles, ...repo.agentFiles]);
  if (!config.ok) return { ok: false, problems: [...config.problems, ...set.problems] };
  // Write access follows the configured artifact folder, so every check downstream (safe
  // outputs, the tool loop's workspace, the write-scope verifier) sees the real path.
  const folder = config.value.artifacts.folder;
  const agents = new Map([...set.agents].map(([name, agent]) => [name, { ...agent, access: { ...agent.access, write: resolveWriteGlobs(agent.access.write, folder) } }]));
  return { ok: true, config: config.value, set: { ...set, agents } };
}

/** The workflow whose label is `label`, with the agents it uses, ready to pin on a work item. */
export function pinWorkflow(set: DefinitionSet, config: PitwallConfig, label: string): { ok: true; pinned: PinnedDefinitions } | { ok: false; message: string } {
  const workflow = [...set.workflows.values()].find((candidate) => candidate.label === label);
  if (!workflow) {
    const broken = set.problems.length > 0 ? `\n\nThese definition files have problems and were not loaded:\n${set.problems.map((p) => `- ${formatProblem(p)}`).join("\n")}` : "";
    return { ok: false, message: `No workflow has the label \`${label}\`.${broken}` };
  }
  const agents: PinnedDefinitions["agents"] = {};
  for (const pass of workflow.passes) {
    for (const name of [pass.agent, ...pass.gate.verifiers]) {
      const agent = set.agents.get(name);
      if (agent) agents[name] = agent;
    }
  }
  return { ok: true, pinned: { workflow, agents, config } };
}
