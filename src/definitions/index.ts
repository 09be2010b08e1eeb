export { agentCategories, agentSchema, contextScopes, type AgentFrontMatter } from "./agent.schema.ts";
export { configPath, configSchema, type PitwallConfig } from "./config.schema.ts";
export { formatProblem, type DefinitionProblem } from "./definition-problem.ts";
export type { Agent, DefinitionFile, DefinitionSet, PinnedDefinitions, Workflow } from "./definition-set.ts";
export { loadDefinitions } from "./load-definitions.ts";
export { parseFrontMatter } from "./parse-front-matter.ts";
export { readDefinitionFiles } from "./read-definition-files.ts";
export { pinWorkflow, resolveDefinitions, type BundledDefinitions, type RepoDefinitionSources, type ResolvedDefinitions } from "./resolve-definitions.ts";
export { gateSchema, passSchema, workflowSchema, type GateDefinition, type PassDefinition, type WorkflowFrontMatter } from "./workflow.schema.ts";
