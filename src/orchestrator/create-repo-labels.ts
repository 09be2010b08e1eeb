import { loadDefinitions } from "../definitions/load-definitions.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { CreateLabelsPayload } from "./jobs.ts";
import { repoLabels } from "./repo-labels.ts";
import type { GitHubPort, Repo } from "./github-port.ts";

/**
 * Pitwall was installed on a repository or the repository joined its installation: its labels
 * are created there (the bundled workflows' and the repository's own, from its default branch),
 * and labels that exist are left as they are, so a retry or a second delivery changes nothing.
 */
export async function createRepoLabels(deps: OrchestratorDeps, job: CreateLabelsPayload): Promise<void> {
  const github = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const workflowFiles = await readOwnWorkflowFiles(github, repo);
  // Only workflows that load can start a work item; a broken file gets its label once it is fixed
  // and the label is added by hand (or the repository is added again).
  const { workflows } = loadDefinitions([...deps.bundled.workflowFiles, ...workflowFiles.workflows], [...deps.bundled.agentFiles, ...workflowFiles.agents]);
  const created = await github.createMissingLabels(repo, repoLabels([...workflows.values()]));
  deps.log.info({ repo: `${job.owner}/${job.repo}`, created }, created.length > 0 ? "created Pitwall's labels" : "Pitwall's labels were all there");
}

/** The repository's own definitions on its default branch; none while it has no commit yet. */
async function readOwnWorkflowFiles(github: GitHubPort, repo: Repo): Promise<{ workflows: { path: string; text: string }[]; agents: { path: string; text: string }[] }> {
  const head = await github.findDefaultBranchHead(repo);
  if (!head) return { workflows: [], agents: [] };
  return {
    workflows: await github.readRepoMarkdownFiles(repo, ".github/pitwall/workflows", head.sha),
    agents: await github.readRepoMarkdownFiles(repo, ".github/pitwall/agents", head.sha),
  };
}
