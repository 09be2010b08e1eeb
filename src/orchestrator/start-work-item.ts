import { buildPrompt } from "../agents/build-prompt.ts";
import { ContextBudget } from "../agents/context-budget.ts";
import { runAgent } from "../agents/run-agent.ts";
import { proposalContract } from "../agents/submission.schema.ts";
import { formatProblem } from "../definitions/definition-problem.ts";
import type { DefinitionSet, PinnedDefinitions } from "../definitions/definition-set.ts";
import type { PitwallConfig } from "../definitions/config.schema.ts";
import { pinWorkflow } from "../definitions/resolve-definitions.ts";
import { neutraliseModelText } from "../domain/neutralise-model-text.ts";
import { describeMissingProviders } from "../providers/describe-missing-providers.ts";
import { startingLabel } from "./starting-label.ts";
import { isFinal } from "../domain/work-item-state.ts";
import { releaseHold } from "./release-hold.ts";
import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { StartWorkItemPayload } from "./jobs.ts";
import { recordContextCuts, recordRedactions, routeModels } from "./model-calls.ts";
import { ledgerCalls } from "./ledger-calls.ts";
import { recordForecast } from "./forecast-work-item.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { guardSpending } from "./spend-guard.ts";
import { knownWorkflowLabels, readRepoDefinitions } from "./repo-definitions.ts";
import type { GitHubPort, Repo } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";
import { defaultWorkflowPriority } from "../scheduler/job-priority.ts";
import { throwIfModelsDown } from "./throw-if-models-down.ts";

/** The label that asks the analyst which workflow fits. */
export const classifyLabel = "pitwall";
/** The workflow name of a work item the analyst has not yet classified. */
export const unclassifiedWorkflow = "unclassified";

/**
 * `issues.labeled` with `pitwall:<workflow>` (or plain `pitwall`): create the work item (once per
 * issue), pin its definitions at the default branch's current commit, post the status card and
 * queue the first pass — or have the analyst propose a workflow — or, when nothing can be
 * dispatched, say exactly why on the card.
 */
export async function startWorkItem(deps: OrchestratorDeps, job: StartWorkItemPayload): Promise<void> {
  const github = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const existing = await findReleased(deps, job);
  const resumed = existing && halfStarted(existing, job) ? existing : undefined;
  if (existing && !resumed && existing.state !== "blocked" && (await labelOnExisting(deps, github, existing, job))) return;
  const { head, resolved } = await readRepoDefinitions(deps, github, repo);
  const classify = job.label === classifyLabel;
  const pinned = resolved.ok && !classify ? pinWorkflow(resolved.set, resolved.config, job.label) : undefined;
  if (pinned && !pinned.ok) {
    // An unknown workflow label: tell the person who added it, without creating a work item.
    await github.postComment(repo, job.issueNumber, `🏁 Pitwall: ${pinned.message}\n\nKnown workflow labels: ${knownWorkflowLabels(resolved)}, or \`${classifyLabel}\` to have the analyst propose one.`);
    return;
  }
  const workflowName = classify ? unclassifiedWorkflow : (pinned?.pinned.workflow.name ?? job.label.replace(/^pitwall:/, ""));
  const workItem = resumed ?? (await createWorkItem(deps, job, workflowName));
  if (!workItem) return;
  if (resumed) deps.log.info({ workItemId: resumed.id, deliveryId: job.deliveryId }, "work item started half-way before; its start is finished now");
  await deps.store.updateWorkItem(workItem.id, { pinnedSha: head.sha, workflow: workflowName, definitions: pinned?.ok ? pinned.pinned : null }, deps.clock.now());

  const refusal = !resolved.ok
    ? `Pitwall cannot start: fix these problems on the default branch, then remove and re-add the \`${job.label}\` label.\n${resolved.problems.map((problem) => `- \`${formatProblem(problem)}\``).join("\n")}`
    : deps.providers.size === 0
      ? `${describeMissingProviders()} Then remove and re-add the \`${job.label}\` label. Nothing was sent to any model.`
      : undefined;
  if (refusal !== undefined || !resolved.ok) {
    await block(deps, github, workItem.id, refusal ?? "the definitions could not be loaded", head.sha);
    return;
  }
  if (classify) {
    // No workflow starts yet, but the work item has: the trail names who asked for it (once: a
    // start that waited for a vendor is finished by the job's retry).
    if (!resumed || !(await deps.store.listAudit(workItem.id)).some((entry) => entry.action === "started")) await deps.store.appendAudit({ workItemId: workItem.id, actor: job.sender, action: "started", detail: `the analyst proposes a workflow (label ${job.label})`, commitSha: head.sha, at: deps.clock.now() });
    await proposeWorkflow(deps, github, workItem, resolved.set, resolved.config, head.sha);
    return;
  }
  if (!pinned?.ok) {
    await block(deps, github, workItem.id, "the workflow could not be pinned", head.sha);
    return;
  }
  const firstPass = pinned.pinned.workflow.passes[0];
  if (!firstPass) throw new Error(`workflow ${workflowName} has no passes`);
  await recordForecast(deps, github, workItem.id);
  const { item } = await applyDecision(
    deps,
    workItem.id,
    { type: "start_requested", firstPass: firstPass.id },
    { actor: job.sender, action: "started", detail: `${workflowName} workflow via label ${job.label}`, commitSha: head.sha },
  );
  await refreshStatusCard(deps, github, item.id);
}

/** The issue's work item, if any; the label that started it, re-added, first releases the hold its removal put on. */
async function findReleased(deps: OrchestratorDeps, job: StartWorkItemPayload): Promise<WorkItemRecord | undefined> {
  const existing = await deps.store.findWorkItemByIssue({ owner: job.owner, name: job.repo }, job.issueNumber);
  if (!existing || existing.hold !== "label_removed" || !sameLabel(existing, job)) return existing;
  await releaseHold(deps, { workItemId: existing.id, hold: "label_removed", actor: job.sender });
  return deps.store.getWorkItem(existing.id);
}

function sameLabel(item: WorkItemRecord, job: StartWorkItemPayload): boolean {
  return startingLabel(item)?.toLowerCase() === job.label.toLowerCase();
}

/**
 * A start that stopped between creating the work item and queueing its first pass (a GitHub
 * 5xx, a full disk, a crash) left it `queued` with no pass: the job's retry, or the same label
 * re-added, finishes that start instead of ignoring the label. Every step of it is idempotent.
 */
function halfStarted(item: WorkItemRecord, job: StartWorkItemPayload): boolean {
  return item.state === "queued" && item.currentPass === null && sameLabel(item, job);
}

/** The issue's work item, created once; undefined when one already runs (a replayed label event). */
async function createWorkItem(deps: OrchestratorDeps, job: StartWorkItemPayload, workflowName: string): Promise<WorkItemRecord | undefined> {
  const { created, workItem } = await deps.store.createWorkItem({
    installationId: job.installationId,
    repo: { owner: job.owner, name: job.repo },
    issueNumber: job.issueNumber,
    issueTitle: job.issueTitle,
    workflow: workflowName,
    initiator: job.sender,
    issueAuthor: job.issueAuthor,
    label: job.label,
    now: deps.clock.now(),
  });
  // A blocked work item starts again when its label is re-added.
  if (!created && workItem.state !== "blocked") {
    deps.log.info({ workItemId: workItem.id, deliveryId: job.deliveryId }, "work item already exists; label event ignored");
    return undefined;
  }
  return workItem;
}

/**
 * A workflow label on an issue that already has a work item: the label that started it, re-added,
 * releases the hold its removal put on; another workflow label loses to it, and the person is
 * told. Returns whether the label was handled here.
 */
async function labelOnExisting(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, job: StartWorkItemPayload): Promise<boolean> {
  const winner = startingLabel(item);
  if (winner !== undefined && winner.toLowerCase() === job.label.toLowerCase()) {
    if (item.hold === "label_removed") await releaseHold(deps, { workItemId: item.id, hold: "label_removed", actor: job.sender });
    else deps.log.info({ workItemId: item.id, deliveryId: job.deliveryId }, "work item already exists; label event ignored");
    return true;
  }
  if (isFinal(item.state)) return false;
  await deps.store.appendAudit({ workItemId: item.id, actor: job.sender, action: `label ${job.label} not started`, detail: `the work item runs under ${winner ?? item.workflow}`, commitSha: null, at: deps.clock.now() });
  await github.postComment(
    { owner: job.owner, repo: job.repo },
    job.issueNumber,
    `🏁 @${job.sender} this issue has two workflow labels: \`${winner ?? item.workflow}\` and \`${job.label}\`. One issue is one work item, and \`${winner ?? item.workflow}\` came first, so it stands; \`${job.label}\` started nothing. To change the workflow before the first gate, reply \`/workflow <name>\`.`,
  );
  return true;
}

async function block(deps: OrchestratorDeps, github: GitHubPort, workItemId: number, reason: string, sha: string): Promise<void> {
  await applyDecision(deps, workItemId, { type: "dispatch_refused", reason: firstLine(reason) }, { actor: "pitwall", action: "blocked", detail: firstLine(reason), commitSha: sha });
  await refreshStatusCard(deps, github, workItemId, reason);
  deps.log.warn({ workItemId, reason }, "work item blocked");
}

/**
 * A plain `pitwall` label: the analyst (on its cheap tier) reads the issue and proposes a
 * workflow in a comment. The proposal is only text for people; `/workflow <name>` starts it.
 */
async function proposeWorkflow(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, set: DefinitionSet, config: PitwallConfig, sha: string): Promise<void> {
  const repo = repoOf(item);
  const analyst = set.agents.get("analyst");
  const names = [...set.workflows.keys()];
  if (!analyst || names.length === 0) {
    await block(deps, github, item.id, `No \`analyst\` agent is defined, so Pitwall cannot propose a workflow. Label the issue with one of ${[...set.workflows.values()].map((w) => `\`${w.label}\``).join(", ")} instead.`, sha);
    return;
  }
  const issue = await github.getIssue(repo, item.issueNumber);
  const definitions: PinnedDefinitions = { workflow: { name: unclassifiedWorkflow, version: 1, label: classifyLabel, description: "classification", priority: defaultWorkflowPriority, passes: [], body: "", file: "" }, agents: { analyst }, config };
  const route = routeModels(definitions, undefined, analyst, deps);
  const catalogue = [...set.workflows.values()].map((workflow) => `- ${workflow.name}: ${workflow.description} (passes: ${workflow.passes.map((pass) => pass.id).join(" → ")})`).join("\n");
  const budget = new ContextBudget(analyst.context_budget_bytes);
  const prompt = buildPrompt(
    analyst,
    { id: "classify", agent: analyst.name, inputs: ["issue"], outputs: ["proposal"], gate: { kind: "human", criteria: ["The proposed workflow fits the kind of work the issue describes."], verifiers: [], approvers: "write", required_approvals: 1, max_iterations: 1, escalation: "human", merge: "auto" } },
    { repo: `${repo.owner}/${repo.repo}`, issue: budget.issue({ number: item.issueNumber, title: issue.title, body: issue.body }), artifacts: {} },
  );
  await recordContextCuts(deps, item.id, analyst.name, budget.omitted, sha);
  // The installation's and repo's budgets hold the analyst's call too (no workflow applies yet).
  const guard = await guardSpending(deps, { ...item, definitions }, { passRunId: null, holder: "analyst", approvalKey: null, prices: route.prices });
  // Settled however the call ends: a retried start reserves afresh, so nothing may stay held.
  const result = await runAgent({
    agent: analyst,
    submit: proposalContract(names),
    prompt: { system: prompt.system, user: `${prompt.user}\n\nThe workflows you can propose:\n${catalogue}\n\nPropose one with the propose_workflow tool.` },
    candidates: route.candidates,
    beforeCall: guard.beforeCall,
    signal: deps.signal,
    ...ledgerCalls(deps, { workItemId: item.id, passRunId: null, iteration: 1, agent: analyst.name, tier: route.tier, tierReason: route.reason, prices: route.prices, reservationId: guard.reservationId }),
  }).finally(() => guard.settle());
  await recordRedactions(deps, item.id, analyst.name, result.redactions);
  // Every model of the tier is down for now: the start waits and its job's retry asks again
  // (the work item stays queued, half-started), as a pass does; the card shows the pause.
  throwIfModelsDown(result, route.tier);
  if (!result.ok) {
    await block(deps, github, item.id, `The analyst could not propose a workflow (${neutraliseModelText(result.error)}). Label the issue with a workflow label instead, or reply \`/workflow <name>\`.`, sha);
    return;
  }
  const proposal = result.submission;
  await deps.store.updateWorkItem(item.id, { proposal }, deps.clock.now());
  await applyDecision(deps, item.id, { type: "workflow_proposed", reason: `the analyst proposes \`${proposal.workflow}\`` }, { actor: "pitwall", action: "workflow proposed", detail: `${proposal.workflow} (${proposal.confidence} confidence)`, commitSha: sha });
  await github.postComment(
    repo,
    item.issueNumber,
    [
      `🏁 The analyst proposes the **\`${proposal.workflow}\`** workflow (${proposal.confidence} confidence):`,
      "",
      neutraliseModelText(proposal.reasoning)
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n"),
      "",
      `Reply \`/workflow ${proposal.workflow}\` to start it, or \`/workflow <name>\` for another (${names.map((name) => `\`${name}\``).join(", ")}). Nothing runs until a person with write access chooses.`,
    ].join("\n"),
  );
  await refreshStatusCard(deps, github, item.id);
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
