import { formatProblem } from "../definitions/definition-problem.ts";
import { pinWorkflow } from "../definitions/resolve-definitions.ts";
import { applyDecision } from "./apply-decision.ts";
import { describeWorkflowChoice } from "./describe-workflow-choice.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { performEffects } from "./perform-effects.ts";
import { recordForecast } from "./forecast-work-item.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { readRepoDefinitions } from "./repo-definitions.ts";
import type { GitHubPort } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";

/**
 * `/workflow <name>`: accept the analyst's proposal or switch workflow before the first gate is
 * met. The definitions are pinned again at the default branch's current commit; open pass PRs of
 * the old workflow are closed.
 */
export async function chooseWorkflow(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, name: string, actor: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const repo = repoOf(item);
  const { head, resolved } = await readRepoDefinitions(deps, github, repo);
  if (!resolved.ok) return { ok: false, message: `the definitions on the default branch have problems, so no workflow can start:\n${resolved.problems.map((problem) => `- \`${formatProblem(problem)}\``).join("\n")}` };
  const workflow = resolved.set.workflows.get(name);
  if (!workflow) return { ok: false, message: `there is no workflow named \`${name}\`; known: ${[...resolved.set.workflows.keys()].map((known) => `\`${known}\``).join(", ")}.` };
  if (item.state !== "proposed" && item.workflow === name) return { ok: false, message: `the work item already runs the \`${name}\` workflow.` };
  const pinned = pinWorkflow(resolved.set, resolved.config, workflow.label);
  if (!pinned.ok) return { ok: false, message: pinned.message };
  const firstPass = workflow.passes[0];
  if (!firstPass) return { ok: false, message: `the \`${name}\` workflow has no passes.` };

  for (const run of await deps.store.listPassRuns(item.id)) {
    if (run.state === "merged" || run.state === "closed") continue;
    if (run.prNumber !== null) await github.closePullRequest(repo, run.prNumber, `🏁 Closed by Pitwall: @${actor} switched the work item to the \`${name}\` workflow.`, { deleteBranch: true });
    await deps.store.updatePassRun(run.id, { state: "closed", finishedAt: deps.clock.now() });
  }
  await deps.store.archivePassRuns(item.id, `${item.workflow}-${deps.clock.now().getTime()}`);
  const detail = describeWorkflowChoice(item, name);
  await deps.store.updateWorkItem(item.id, { workflow: name, definitions: pinned.pinned, pinnedSha: head.sha, tierOverride: null }, deps.clock.now());
  await recordForecast(deps, github, item.id);
  const { item: updated, effects } = await applyDecision(deps, item.id, { type: "workflow_chosen", firstPass: firstPass.id }, { actor, action: `/workflow ${name}`, detail, commitSha: head.sha });
  await refreshStatusCard(deps, github, item.id);
  await performEffects(deps, github, updated, effects);
  return { ok: true };
}
