import { repoFilesInScope } from "../../agents/assemble-context.ts";
import { buildPrompt, type PassContext } from "../../agents/build-prompt.ts";
import { ContextBudget } from "../../agents/context-budget.ts";
import { observeReads } from "../../agents/observe-reads.ts";
import type { RepoSnapshot, VersionedSnapshot } from "../../agents/workspace.ts";
import type { Agent } from "../../definitions/definition-set.ts";
import { passBranch } from "../artifact-path.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort, Repo } from "../github-port.ts";
import { agentTools, recordContextCuts } from "../model-calls.ts";
import type { PreparedPass } from "./prepare-pass.ts";

/** What the pass's agent is given: its prompt and tools, and where it builds. */
export interface PassAgentContext {
  branch: string;
  /** The commit this iteration builds on (the PR's head on a rework). */
  baseSha: string;
  /** Everything the context and the tool loop read of the repo, for the outcome cache. */
  observed: ReturnType<typeof observeReads>;
  prompt: { system: string; user: string };
  loop: ReturnType<typeof agentTools>;
}

/** The agent's context, within one budget, and the tools it reads and writes the repo with. */
export async function assemblePassContext(deps: OrchestratorDeps, prepared: PreparedPass, headSnapshot: VersionedSnapshot): Promise<PassAgentContext> {
  const { github, repo, item, pass, agent, run, folder, head, issue, artifacts } = prepared;
  const branch = passBranch(item.issueNumber, pass.id);
  const previousOutputs: Record<string, string> = {};
  if (run.iteration > 1) {
    for (const output of pass.outputs) {
      const text = await github.readRepoFile(repo, `${folder}/${output}`, branch);
      if (text !== undefined) previousOutputs[output] = text;
    }
  }
  // A tool loop and the `repo_files` scope read the repo at the commit this iteration builds on
  // (the PR's head on a rework).
  const baseSha = (await github.getRefSha(repo, `heads/${branch}`)) ?? head.sha;
  // Everything the context and the tool loop read of the repo is written down for the outcome cache.
  const observed = observeReads(baseSha === head.sha ? headSnapshot : github.repoSnapshot(repo, baseSha));
  const snapshot = observed.snapshot;
  // One budget for the whole context, most important first: the issue, the feedback this
  // iteration must act on, then the repo-sized scopes.
  const budget = new ContextBudget(agent.context_budget_bytes);
  const issueInContext = agent.context.includes("issue") ? budget.issue({ number: item.issueNumber, title: issue.title, body: issue.body }) : { number: item.issueNumber, title: issue.title, body: "" };
  const feedback = run.feedback ? budget.text("feedback on your previous iteration", run.feedback) : undefined;
  const scopes = await gatherScopes(github, repo, agent, snapshot, run.iteration > 1 ? run.prNumber : null, budget);
  await recordContextCuts(deps, item.id, agent.name, budget.omitted, baseSha);
  const prompt = buildPrompt(agent, pass, {
    repo: `${repo.owner}/${repo.repo}`,
    issue: issueInContext,
    artifacts,
    feedback,
    previousOutputs,
    ...scopes,
  });
  return { branch, baseSha, observed, prompt, loop: agentTools(agent, snapshot) };
}

/** The repo-sized scopes the agent declares, drawn from the context budget: people's reviews, the PR's diff, files by glob. */
async function gatherScopes(github: GitHubPort, repo: Repo, agent: Agent, snapshot: RepoSnapshot, prNumber: number | null, budget: ContextBudget): Promise<Pick<PassContext, "repoFiles" | "prDiff" | "reviews">> {
  const reviews =
    agent.context.includes("review_feedback") && prNumber !== null
      ? budget.items((await github.pullRequestReviews(repo, prNumber)).map((review) => ({ label: `by @${review.author} (${review.state.toLowerCase()})`, text: review.body })))
      : undefined;
  const prDiff =
    agent.context.includes("pr_diff") && prNumber !== null
      ? budget.items((await github.pullRequestPatches(repo, prNumber)).map((file) => ({ label: file.path, text: file.patch ?? "(no textual diff: binary or too large)" })))
      : undefined;
  const repoFiles = agent.context.includes("repo_files") ? budget.record(await repoFilesInScope(snapshot, agent.context_files, budget.left)) : undefined;
  return { repoFiles, prDiff, reviews };
}
