import type { VerifierContext } from "../../agents/build-prompt.ts";
import { ContextBudget } from "../../agents/context-budget.ts";
import { artifactFolder } from "../artifact-path.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { recordContextCuts } from "../model-calls.ts";
import type { PreparedVerifier } from "./prepare-verifier.ts";

/** One file bigger than this is named, not shown, whatever the budget. */
const maxFileBytes = 40_000;

/** What the verifier judges, read at the pass PR's head: the pass's inputs and outputs, the issue, the changed files. */
export async function gatherVerifierContext(deps: OrchestratorDeps, prepared: PreparedVerifier): Promise<VerifierContext> {
  const { gate, definitions, agent, github, repo } = prepared;
  const { item, pass, run } = gate;
  const folder = artifactFolder(definitions.config.artifacts.folder, item.issueNumber, item.issueTitle);
  const readArtifacts = async (names: readonly string[]) => {
    const found: Record<string, string> = {};
    for (const name of names) {
      const text = await github.readRepoFile(repo, `${folder}/${name}`, run.headSha);
      if (text !== undefined) found[name] = text;
    }
    return found;
  };
  const inputs = await readArtifacts(pass.inputs.filter((name) => name !== "issue"));
  const outputs = await readArtifacts(pass.outputs);
  const pullFiles = await github.pullRequestFiles(repo, run.prNumber);
  // One budget for the whole context, like a pass's agent: the issue first, then the changed files.
  const budget = new ContextBudget(agent.context_budget_bytes);
  const issue = agent.context.includes("issue") ? budget.issue({ number: item.issueNumber, ...(await github.getIssue(repo, item.issueNumber)) }) : undefined;
  const changed = pullFiles.filter((candidate) => !candidate.path.startsWith(`${folder}/`));
  const readable: { label: string; text: string }[] = [];
  for (const file of changed) {
    const content = file.status === "removed" ? undefined : await github.readRepoFile(repo, file.path, run.headSha);
    if (content === undefined) continue;
    if (Buffer.byteLength(content) <= maxFileBytes) readable.push({ label: file.path, text: content });
    else budget.omitted.push(`${file.path} (${Buffer.byteLength(content).toLocaleString("en-US")} bytes)`);
  }
  const shown = new Map(budget.items(readable).included.map((file) => [file.label, file.text]));
  const changedFiles = changed.map((file) => ({ path: file.path, content: shown.get(file.path) }));
  await recordContextCuts(deps, item.id, agent.name, budget.omitted, run.headSha);
  return { repo: `${repo.owner}/${repo.repo}`, issue, passId: pass.id, criteria: pass.gate.criteria, inputs, outputs, changedFiles, omitted: budget.omitted };
}
