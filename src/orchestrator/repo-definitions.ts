import { configPath } from "../definitions/config.schema.ts";
import { resolveDefinitions, type ResolvedDefinitions } from "../definitions/resolve-definitions.ts";
import { getDefaultBranchHead, readRepoFile, readRepoMarkdownFiles } from "../github/contents.ts";
import type { GitHub, Repo } from "../github/octokit.ts";
import type { EngineDeps } from "./deps.ts";

/**
 * The bundled definitions with the repo's overrides and config, read at the default branch's
 * current commit — never from a pull request's head, so a PR cannot change its own gates.
 */
export async function readRepoDefinitions(deps: EngineDeps, gh: GitHub, repo: Repo): Promise<{ head: { branch: string; sha: string }; resolved: ResolvedDefinitions }> {
  const head = await getDefaultBranchHead(gh, repo);
  const resolved = resolveDefinitions(deps.bundled, {
    configText: await readRepoFile(gh, repo, configPath, head.sha),
    workflowFiles: await readRepoMarkdownFiles(gh, repo, ".github/pitwall/workflows", head.sha),
    agentFiles: await readRepoMarkdownFiles(gh, repo, ".github/pitwall/agents", head.sha),
  });
  return { head, resolved };
}

export function knownWorkflowLabels(resolved: ResolvedDefinitions): string {
  if (!resolved.ok) return "(definitions could not be loaded)";
  return [...resolved.set.workflows.values()].map((workflow) => `\`${workflow.label}\``).join(", ") || "(none)";
}
