import type { PitwallConfig } from "./config.schema.ts";
import type { AgentFrontMatter } from "./agent.schema.ts";
import type { DefinitionProblem } from "./definition-problem.ts";
import type { WorkflowFrontMatter } from "./workflow.schema.ts";

export interface Workflow extends WorkflowFrontMatter {
  /** Prose explaining the gates, for people. */
  body: string;
  file: string;
}

export interface Agent extends AgentFrontMatter {
  /** The agent's system prompt: the body of its Markdown file. */
  prompt: string;
  file: string;
}

export interface DefinitionSet {
  workflows: Map<string, Workflow>;
  agents: Map<string, Agent>;
  /** Files that failed to load are left out of the maps and listed here. */
  problems: DefinitionProblem[];
}

/** What a work item pins when it starts: its workflow, the agents that workflow uses, and the repo's config. */
export interface PinnedDefinitions {
  workflow: Workflow;
  agents: Record<string, Agent>;
  config: PitwallConfig;
}

export interface DefinitionFile {
  /** Path shown in errors, relative to the repository root (e.g. `workflows/feature.md`). */
  path: string;
  text: string;
}
