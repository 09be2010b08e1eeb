import { loadDefinitions } from "../definitions/load-definitions.ts";
import { getDefaultBranchHead, readRepoMarkdownFiles } from "../github/contents.ts";
import { createMissingLabels } from "../github/create-missing-labels.ts";
import { hasStatus, type GitHub, type Repo } from "../github/octokit.ts";
import type { EngineDeps } from "./deps.ts";
import type { CreateLabelsPayload } from "./jobs.ts";
import { repoLabels } from "./repo-labels.ts";

/**
 * Pitwall was installed on a repository or the repository joined its installation: its labels
 * are created there (the bundled workflows' and the repository's own, from its default branch),
 * and labels that exist are left as they are, so a retry or a second delivery changes nothing.
 */
export async function createRepoLabels(deps: EngineDeps, job: CreateLabelsPayload): Promise<void> {
  const gh = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const workflowFiles = await readOwnWorkflowFiles(gh, repo);
  // Only workflows that load can start a work item; a broken file gets its label once it is fixed
  // and the label is added by hand (or the repository is added again).
  const { workflows } = loadDefinitions([...deps.bundled.workflowFiles, ...workflowFiles.workflows], [...deps.bundled.agentFiles, ...workflowFiles.agents]);
  const created = await createMissingLabels(gh, repo, repoLabels([...workflows.values()]));
  deps.log.info({ repo: `${job.owner}/${job.repo}`, created }, created.length > 0 ? "created Pitwall's labels" : "Pitwall's labels were all there");
}

/** The repository's own definitions on its default branch; none while it has no commit yet. */
async function readOwnWorkflowFiles(gh: GitHub, repo: Repo): Promise<{ workflows: { path: string; text: string }[]; agents: { path: string; text: string }[] }> {
  let sha: string;
  try {
    sha = (await getDefaultBranchHead(gh, repo)).sha;
  } catch (error) {
    // An empty repository: GitHub answers 409 ("Git Repository is empty") or 404 for its branch.
    if (hasStatus(error, 409) || hasStatus(error, 404)) return { workflows: [], agents: [] };
    throw error;
  }
  return {
    workflows: await readRepoMarkdownFiles(gh, repo, ".github/pitwall/workflows", sha),
    agents: await readRepoMarkdownFiles(gh, repo, ".github/pitwall/agents", sha),
  };
}
