import type { Agent, PinnedDefinitions } from "../../definitions/definition-set.ts";
import type { PassDefinition } from "../../definitions/workflow.schema.ts";
import type { PassRunRecord, WorkItemRecord } from "../../domain/types.ts";
import { parseBoundaries } from "../../providers/routing.ts";
import { applyDecision } from "../apply-decision.ts";
import { artifactFolder } from "../artifact-path.ts";
import { admitDispatch } from "../budget-gate.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort, IssueFacts, Repo } from "../github-port.ts";
import type { RunPassPayload } from "../jobs.ts";
import { routeModels, type ModelRoute } from "../model-calls.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import { fenceWorkItem, type WorkItemFence } from "../work-item-fence.ts";
import { repoOf } from "../repo-of.ts";

/** A pass run that is due, admitted by the budgets and started, with the inputs it runs on. */
export interface PreparedPass {
  fence: WorkItemFence;
  github: GitHubPort;
  repo: Repo;
  definitions: PinnedDefinitions;
  pass: PassDefinition;
  agent: Agent;
  /** The pass run as queued (its tier as an escalation decided it), and as started. */
  queued: PassRunRecord;
  run: PassRunRecord;
  item: WorkItemRecord;
  /** The default branch's head the pass builds on. */
  head: { branch: string; sha: string };
  folder: string;
  issue: IssueFacts;
  artifacts: Record<string, string>;
  route: ModelRoute;
}

/**
 * Everything a pass iteration needs before its agent runs, or undefined when the job is stale or
 * the budgets hold it back. The pass run is marked running and the card refreshed.
 */
export async function preparePass(deps: OrchestratorDeps, job: RunPassPayload, start: WorkItemRecord): Promise<PreparedPass | undefined> {
  // `running` here means an earlier attempt of this job stopped half-way (a GitHub 5xx, a
  // crash): resume it. Every effect below is idempotent (branch, PR, comments by marker).
  const resuming = start.state === "running" && start.currentPass === job.passId && start.iteration === job.iteration;
  const due = (start.state === "queued" || start.state === "rework") && start.currentPass === job.passId && start.iteration === job.iteration;
  if (!resuming && !due) {
    deps.log.info({ workItemId: start.id, passId: job.passId, iteration: job.iteration, state: start.state }, "stale run_pass job skipped");
    return undefined;
  }
  const definitions = start.definitions;
  const pass = definitions?.workflow.passes.find((candidate) => candidate.id === job.passId);
  const agent = pass ? definitions?.agents[pass.agent] : undefined;
  if (!definitions || !pass || !agent) throw new Error(`work item ${start.id} has no pinned definition for pass ${job.passId}`);

  // Every model call and GitHub write first checks that nothing stopped the work item meanwhile.
  const fence = fenceWorkItem(deps, start.id, start.stopEpoch);
  const github = fence.guard(await deps.githubFor(start.installationId));
  const repo = repoOf(start);
  const queued = await deps.store.queuePassRun({ workItemId: start.id, passId: pass.id, iteration: job.iteration, agent: agent.name, trigger: "first" });
  // Budgets decide before anything is spent: reserve the estimate, or wait.
  const admission = resuming ? { admitted: true, pressure: "none" as const } : await admitDispatch(deps, github, start, pass, queued);
  if (!admission.admitted) return undefined;
  const item = resuming
    ? start
    : (await applyDecision(deps, start.id, { type: "pass_started", passId: pass.id }, { actor: "pitwall", action: `pass ${pass.id} started`, detail: `iteration ${job.iteration}, agent ${agent.name}` })).item;

  const inputs = await readPassInputs(github, repo, definitions, item, pass);
  // The tier: `/tier` (a person's explicit choice), else an escalation decided for this
  // iteration, else the workflow's, else the agent's.
  const override = item.tierOverride ? { tier: item.tierOverride, reason: "set with /tier" } : queued.tierReason && queued.tier ? { tier: queued.tier, reason: queued.tierReason } : undefined;
  // A design that declares work across areas or contracts sends the passes built on it one tier up.
  const boundaries = inputs.artifacts["design.md"] === undefined ? undefined : parseBoundaries(inputs.artifacts["design.md"]);
  const route = routeModels(definitions, pass, agent, deps, override, boundaries, admission.pressure);
  // A run a budget stopped starts again: its stop is history (the audit trail keeps it).
  const run = await deps.store.updatePassRun(queued.id, { state: "running", startedAt: queued.startedAt ?? deps.clock.now(), tier: route.tier, tierReason: route.reason, error: null });
  if (item.tierOverride) await deps.store.updateWorkItem(item.id, { tierOverride: null }, deps.clock.now());
  await refreshStatusCard(deps, github, item.id);
  return { fence, github, repo, definitions, pass, agent, queued, run, item, route, ...inputs };
}

/** The pass's inputs, read at the default branch's head (earlier passes merged there). */
async function readPassInputs(github: GitHubPort, repo: Repo, definitions: PinnedDefinitions, item: WorkItemRecord, pass: PassDefinition): Promise<Pick<PreparedPass, "head" | "folder" | "issue" | "artifacts">> {
  const head = await github.getDefaultBranchHead(repo);
  const folder = artifactFolder(definitions.config.artifacts.folder, item.issueNumber, item.issueTitle);
  const issue = await github.getIssue(repo, item.issueNumber);
  const artifacts: Record<string, string> = {};
  for (const input of pass.inputs.filter((name) => name !== "issue")) {
    const text = await github.readRepoFile(repo, `${folder}/${input}`, head.sha);
    if (text !== undefined) artifacts[input] = text;
  }
  return { head, folder, issue, artifacts };
}
