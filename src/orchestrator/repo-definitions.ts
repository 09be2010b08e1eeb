import { configPath } from "../definitions/config.schema.ts";
import { resolveDefinitions, type ResolvedDefinitions } from "../definitions/resolve-definitions.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { GitHubPort, Repo } from "./github-port.ts";

/**
 * The bundled definitions with the repo's overrides and config, read at the default branch's
 * current commit — never from a pull request's head, so a PR cannot change its own gates.
 */
export async function readRepoDefinitions(deps: OrchestratorDeps, github: GitHubPort, repo: Repo): Promise<{ head: { branch: string; sha: string }; resolved: ResolvedDefinitions }> {
  const head = await github.getDefaultBranchHead(repo);
  const resolved = resolveDefinitions(deps.bundled, {
    configText: await github.readRepoFile(repo, configPath, head.sha),
    workflowFiles: await github.readRepoMarkdownFiles(repo, ".github/pitwall/workflows", head.sha),
    agentFiles: await github.readRepoMarkdownFiles(repo, ".github/pitwall/agents", head.sha),
  });
  return { head, resolved };
}

export function knownWorkflowLabels(resolved: ResolvedDefinitions): string {
  if (!resolved.ok) return "(definitions could not be loaded)";
  return [...resolved.set.workflows.values()].map((workflow) => `\`${workflow.label}\``).join(", ") || "(none)";
}
