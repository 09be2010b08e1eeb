import { formatProblem } from "../definitions/definition-problem.ts";
import { pinWorkflow } from "../definitions/resolve-definitions.ts";
import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { readRepoDefinitions } from "./repo-definitions.ts";
import type { GitHubPort } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";

/**
 * `/rerun`: a finished work item runs its workflow again from the first pass, with the
 * definitions pinned anew at the default branch's head. Each pass whose inputs are unchanged
 * reuses its approved outcome from the cache at no model cost (an output a person edited on the
 * default branch stands); the passes downstream of a change run and open pull requests as usual.
 */
export async function rerunWorkItem(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, actor: string): Promise<{ ok: true } | { ok: false; message: string }> {
  if (item.state !== "done") return { ok: false, message: `\`/rerun\` runs a finished work item again; this one is ${item.state.replace("_", " ")}. Nothing was changed.` };
  const repo = repoOf(item);
  const { head, resolved } = await readRepoDefinitions(deps, github, repo);
  if (!resolved.ok) return { ok: false, message: `the definitions on the default branch have problems, so the work item cannot run again:\n${resolved.problems.map((problem) => `- \`${formatProblem(problem)}\``).join("\n")}` };
  const workflow = resolved.set.workflows.get(item.workflow);
  if (!workflow) return { ok: false, message: `the \`${item.workflow}\` workflow no longer exists on the default branch; nothing was changed.` };
  const pinned = pinWorkflow(resolved.set, resolved.config, workflow.label);
  if (!pinned.ok) return { ok: false, message: pinned.message };
  const firstPass = workflow.passes[0];
  if (!firstPass) return { ok: false, message: `the \`${item.workflow}\` workflow has no passes.` };

  // The last run's pass branches go, so every pass of this run starts from the default branch;
  // its pass runs keep their history (ledger rows, gate decisions) under `<pass>@<workflow>-run<n>`.
  const branches = new Set((await deps.store.listPassRuns(item.id)).flatMap((run) => (run.branch && !run.passId.includes("@") ? [run.branch] : [])));
  for (const branch of branches) await github.deleteBranch(repo, branch);
  await deps.store.archivePassRuns(item.id, `${item.workflow}-run${item.runNumber}`);
  await deps.store.updateWorkItem(item.id, { definitions: pinned.pinned, pinnedSha: head.sha, tierOverride: null, runNumber: item.runNumber + 1 }, deps.clock.now());
  const { item: updated, effects } = await applyDecision(
    deps,
    item.id,
    { type: "rerun_requested", firstPass: firstPass.id },
    { actor, action: "/rerun", detail: `run ${item.runNumber + 1} of the ${item.workflow} workflow: passes whose inputs are unchanged are reused`, commitSha: head.sha },
  );
  await refreshStatusCard(deps, github, updated.id);
  await performEffects(deps, github, updated, effects);
  return { ok: true };
}
