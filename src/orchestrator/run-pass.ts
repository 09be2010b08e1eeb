import { artifactsContract, type Submission } from "../agents/submission.schema.ts";
import { repoFilesInScope } from "../agents/assemble-context.ts";
import { ContextBudget } from "../agents/context-budget.ts";
import { buildPrompt, type PassContext } from "../agents/build-prompt.ts";
import type { RepoSnapshot } from "../agents/workspace.ts";
import type { Agent } from "../definitions/definition-set.ts";
import { runAgent } from "../agents/run-agent.ts";
import { checkProposedFiles, describeOutputProblems } from "../agents/safe-outputs.ts";
import type { PassDefinition } from "../definitions/workflow.schema.ts";
import { parseBoundaries } from "../providers/routing.ts";
import { fitToLimit, githubLimits } from "../domain/fit-to-limit.ts";
import { neutraliseModelText } from "../domain/neutralise-model-text.ts";
import { fenceWorkItem, WorkItemStopped } from "./work-item-fence.ts";
import { InvalidTransitionError } from "../domain/work-item-state.ts";
import { InstallationUnavailableError } from "./installation-unavailable-error.ts";
import { protectionNote } from "../domain/protection-note.ts";
import { applyDecision } from "./apply-decision.ts";
import { artifactFolder, passBranch } from "./artifact-path.ts";
import { agentTools, postPassCostSummary, recordCacheHit, recordContextCuts, recordModelCall, recordRedactions, routeModels } from "./model-calls.ts";
import type { EngineDeps } from "./deps.ts";
import { RetryAfterError } from "../scheduler/job-errors.ts";
import { artifactCacheKey } from "../domain/artifact-cache-key.ts";
import { sumNano } from "../domain/money.ts";
import { budgetOf } from "../domain/budget-policy.ts";
import type { ProviderName } from "../providers/types.ts";
import { admitDispatch, holdForBudget, type BudgetHold } from "./budget-gate.ts";
import { guardSpending } from "./spend-guard.ts";
import { observeReads } from "../agents/observe-reads.ts";
import { mergeReads } from "../domain/pass-outcome.ts";
import { findReusableOutcome, outcomeKeyFor, reusePass } from "./pass-outcomes.ts";
import type { RunPassPayload } from "./jobs.ts";
import { advanceGate } from "./gate/advance-gate.ts";
import { startGateWork } from "./gate/start-gate-work.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { sendBack } from "./send-back.ts";
import type { GitHubPort, Repo } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";

/**
 * Runs one iteration of a pass: its agent through the provider layer, then one commit with its
 * artifacts (and code, for implementers) on `pitwall/<issue>/<pass>`, the pull request, the
 * deployment or verifiers the pass needs, the cost summary, and a first look at the gate.
 */
export async function runPass(deps: EngineDeps, job: RunPassPayload): Promise<void> {
  const start = await deps.store.getWorkItem(job.workItemId);
  try {
    await runPassIteration(deps, job, start);
  } catch (error) {
    const item = await deps.store.getWorkItem(job.workItemId);
    // A decision refused because a stop landed first is that stop too.
    const stopped = error instanceof WorkItemStopped || (error instanceof InvalidTransitionError && item.stopEpoch !== start.stopEpoch);
    if (!stopped && !(error instanceof InstallationUnavailableError)) throw error;
    // What it reserved gives way to what it spent, and its run waits to be dispatched again
    // (held) or ends (cancelled).
    const run = await deps.store.findPassRun(job.workItemId, job.passId, job.iteration);
    if (run) {
      await deps.store.settleReservation(run.id, deps.clock.now());
      if (run.state === "running") await deps.store.updatePassRun(run.id, item.state === "cancelled" ? { state: "closed", finishedAt: deps.clock.now() } : { state: "queued" });
    }
    if (!stopped) throw error;
    deps.log.info({ workItemId: job.workItemId, passId: job.passId, iteration: job.iteration, reason: error instanceof Error ? error.message : String(error) }, "pass stopped: the work item was stopped while it ran");
  }
}

async function runPassIteration(deps: EngineDeps, job: RunPassPayload, start: WorkItemRecord): Promise<void> {
  // `running` here means an earlier attempt of this job stopped half-way (a GitHub 5xx, a
  // crash): resume it. Every effect below is idempotent (branch, PR, comments by marker).
  const resuming = start.state === "running" && start.currentPass === job.passId && start.iteration === job.iteration;
  const due = (start.state === "queued" || start.state === "rework") && start.currentPass === job.passId && start.iteration === job.iteration;
  if (!resuming && !due) {
    deps.log.info({ workItemId: start.id, passId: job.passId, iteration: job.iteration, state: start.state }, "stale run_pass job skipped");
    return;
  }
  const definitions = start.definitions;
  const pass = definitions?.workflow.passes.find((candidate) => candidate.id === job.passId);
  const agent = pass ? definitions?.agents[pass.agent] : undefined;
  if (!definitions || !pass || !agent) throw new Error(`work item ${start.id} has no pinned definition for pass ${job.passId}`);

  // Every model call and GitHub write first checks that nothing stopped the work item meanwhile.
  const fence = fenceWorkItem(deps, start.id, start.stopEpoch);
  const github = fence.guard(await deps.githubFor(start.installationId));
  const repo: Repo = { owner: start.repo.owner, repo: start.repo.name };
  const queued = await deps.store.queuePassRun({ workItemId: start.id, passId: pass.id, iteration: job.iteration, agent: agent.name, trigger: "first" });
  // Budgets decide before anything is spent: reserve the estimate, or wait.
  const admission = resuming ? { admitted: true, pressure: "none" as const } : await admitDispatch(deps, github, start, pass, queued);
  if (!admission.admitted) return;
  const item = resuming
    ? start
    : (await applyDecision(deps, start.id, { type: "pass_started", passId: pass.id }, { actor: "pitwall", action: `pass ${pass.id} started`, detail: `iteration ${job.iteration}, agent ${agent.name}` })).item;

  // The pass's inputs, read at the default branch's head (earlier passes merged there).
  const head = await github.getDefaultBranchHead(repo);
  const folder = artifactFolder(definitions.config.artifacts.folder, item.issueNumber, item.issueTitle);
  const issue = await github.getIssue(repo, item.issueNumber);
  const artifacts: Record<string, string> = {};
  for (const input of pass.inputs.filter((name) => name !== "issue")) {
    const text = await github.readRepoFile(repo, `${folder}/${input}`, head.sha);
    if (text !== undefined) artifacts[input] = text;
  }
  // The tier: `/tier` (a person's explicit choice), else an escalation decided for this
  // iteration, else the workflow's, else the agent's.
  const override = item.tierOverride ? { tier: item.tierOverride, reason: "set with /tier" } : queued.tierReason && queued.tier ? { tier: queued.tier, reason: queued.tierReason } : undefined;
  // A design that declares work across areas or contracts sends the passes built on it one tier up.
  const boundaries = artifacts["design.md"] === undefined ? undefined : parseBoundaries(artifacts["design.md"]);
  const route = routeModels(definitions, pass, agent, deps, override, boundaries, admission.pressure);
  // A run a budget stopped starts again: its stop is history (the audit trail keeps it).
  const run = await deps.store.updatePassRun(queued.id, { state: "running", startedAt: queued.startedAt ?? deps.clock.now(), tier: route.tier, tierReason: route.reason, error: null });
  if (item.tierOverride) await deps.store.updateWorkItem(item.id, { tierOverride: null }, deps.clock.now());
  await refreshStatusCard(deps, github, item.id);

  // Every model call is held to the pass's reservation, grown call by call while the budgets have room.
  const guard = await guardSpending(deps, item, { passRunId: run.id, holder: "pass", approvalKey: `${pass.id}:${run.iteration}`, prices: route.prices });
  const callContext = { workItemId: item.id, passRunId: run.id, iteration: run.iteration, agent: agent.name, tier: route.tier, tierReason: route.reason, prices: route.prices, reservationId: guard.reservationId };
  // A first iteration whose inputs are what they were when this pass was last approved (a
  // re-run of the work item) reuses that outcome: no model call, no pull request.
  // The default branch's head, read lazily (its tree is fetched once, for the lookup and the run).
  const headSnapshot = github.repoSnapshot(repo, head.sha);
  if (run.iteration === 1) {
    const outcomeKey = outcomeKeyFor(agent, pass, route.tier, { title: issue.title, body: issue.body }, artifacts, folder);
    const found = await findReusableOutcome(deps, item, pass.id, outcomeKey, headSnapshot);
    if (found.reusable) {
      await reusePass(deps, github, { item, pass, run, headSha: head.sha, callContext }, found.reusable);
      return;
    }
    if (found.why) await deps.store.appendAudit({ workItemId: item.id, actor: "pitwall", action: `pass ${pass.id} runs again`, detail: found.why, commitSha: head.sha, at: deps.clock.now() });
    await deps.store.updatePassRun(run.id, { outcomeKey });
  }

  const failPass = async (reason: string) => {
    await fence.check();
    await deps.store.updatePassRun(run.id, { state: "failed", error: reason, finishedAt: deps.clock.now() });
    await applyDecision(deps, item.id, { type: "pass_failed", passId: pass.id, reason }, { actor: "pitwall", action: `pass ${pass.id} failed`, detail: reason });
    await refreshStatusCard(deps, github, item.id);
  };
  if (route.candidates.length === 0) {
    await guard.settle();
    await failPass(`no configured provider serves the ${route.tier} tier (${route.models.join(", ")}); configure one of them or change \`tiers\` in .github/pitwall.yml`);
    return;
  }

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
  const loop = agentTools(agent, snapshot);
  const writesCode = agent.access.write.some((glob) => !glob.startsWith(`${definitions.config.artifacts.folder}/`));
  // The artifact cache: the same agent, tier, pass and prompt (and repo commit, for a tool loop)
  // gives the same outputs; a hit reuses them at zero model cost and the ledger records the saving.
  const cacheKey = artifactCacheKey({ agent: agent.name, agentVersion: agent.version, tier: route.tier, passId: pass.id, system: prompt.system, prompt: prompt.user, tools: agent.tools, repoAt: loop.tools ? baseSha : null });
  const cached = await deps.store.findCachedRun(cacheKey);
  if (cached) await recordCacheHit(deps, callContext, cached.entry, cached.costUsd);
  const result = cached
    ? { ok: true as const, submission: cached.entry.submission, ref: { provider: cached.entry.provider as ProviderName, model: cached.entry.model }, switches: [], turns: 0, redactions: [] }
    : await runAgent({
    agent,
    // An agent with write tools proposes files through them; one without may list them in its submission.
    submit: artifactsContract(pass.outputs, { allowFiles: writesCode && !loop.writes, writeGlobs: agent.access.write }),
    prompt,
    candidates: route.candidates,
    providers: deps.providers,
    tools: loop.tools,
    beforeCall: async (next) => {
      await fence.check();
      return guard.beforeCall(next);
    },
    onCall: (call) => recordModelCall(deps, callContext, call),
  });
  // The reservation gives way to what the run actually cost.
  await guard.settle();
  if (result.switches.length > 0) await deps.store.updatePassRun(run.id, { switches: result.switches });
  await recordRedactions(deps, item.id, agent.name, result.redactions);
  if (!result.ok && result.retryAfterMs !== undefined) {
    // Every model of the tier is down for now: the job runs again later (bounded by its
    // attempts, with backoff); when they run out, the pass fails with this reason.
    throw new RetryAfterError(`every model of the ${route.tier} tier failed: ${result.error}`, Math.max(result.retryAfterMs, 1_000));
  }
  if (!result.ok && guard.stopped) {
    // A budget has no room for the next call: the pass waits for an owner (or the next period)
    // and runs again from the start; what it spent so far stays on the ledger.
    // The tier is chosen afresh then (as queued: an escalation stands, budget pressure may step down).
    await fence.check();
    await deps.store.updatePassRun(run.id, { state: "queued", error: result.error, tier: queued.tier, tierReason: queued.tierReason });
    // Already approved, it stopped short of the over threshold: it waits for the budget or another approval.
    const hold: BudgetHold = guard.approved ? { kind: "pause", reason: guard.stopped.reason, budget: guard.stopped.budget, escalate: false } : { kind: "needs_approval", reason: guard.stopped.reason, budget: guard.stopped.budget };
    await holdForBudget(deps, github, item, { passId: pass.id, iteration: run.iteration }, hold, `pass \`${pass.id}\` stopped`);
    return;
  }
  if (!result.ok) {
    await failPass(`the ${agent.name} agent did not produce ${pass.outputs.join(", ")}: ${neutraliseModelText(result.error)}`);
    return;
  }
  // Safe outputs: every proposed file is checked (access, guarded paths, sizes, secrets) before
  // Pitwall writes anything.
  const written = cached ? cached.entry.written : (loop.workspace?.changes() ?? []);
  const files = filesOf(result.submission, folder, written);
  const problems = checkProposedFiles(files, agent.access.write);
  if (problems.length > 0) {
    await failPass(`Pitwall did not commit what the ${agent.name} agent proposed: ${neutraliseModelText(describeOutputProblems(problems))}`);
    return;
  }
  // Only outputs that passed the checks are worth reusing.
  if (!cached) {
    const cost = sumNano((await deps.store.listLedger({ workItemId: item.id, passRunId: run.id })).map((row) => row.usd));
    await deps.store.storeCachedRun({ key: cacheKey, agent: agent.name, passId: pass.id, entry: { submission: result.submission, written, reads: observed.reads(), provider: result.ref.provider, model: result.ref.model }, costUsd: cost, now: deps.clock.now() });
  }
  // The writers redact what goes to GitHub (commit message, PR body); the model's summary and
  // file names are data there: no closing keyword, mention or image of theirs acts on GitHub.
  // The files themselves are committed as written.
  const summary = neutraliseModelText(result.submission.summary);

  const commit = await github.commitFiles(repo, {
    branch,
    baseSha: head.sha,
    files,
    message: `pitwall: ${pass.id} for #${item.issueNumber}${run.iteration > 1 ? ` (iteration ${run.iteration})` : ""}\n\n${summary}\n\nAgent: ${agent.name} (${result.ref.provider}/${result.ref.model})`,
  });
  // Pitwall's own commits are known by SHA (separation of duties): the names on a commit are the pusher's to choose.
  if (commit.created) await deps.store.recordPitwallCommit(run.id, commit.commitSha);
  // The commit message keeps the whole summary; the PR body points there when GitHub's limit cuts it.
  const wholeAt = `the whole summary is in the message of commit ${commit.commitSha.slice(0, 7)} on \`${branch}\``;
  const pr = await github.ensurePullRequest(repo, {
    head: branch,
    base: head.branch,
    title: `${pass.id}: ${item.issueTitle} (#${item.issueNumber})`,
    body: pullRequestBody(item, pass, fitToLimit(summary, pullRequestSummaryLimit, { wholeAt }), files.map((file) => neutraliseModelText(file.path)), run.iteration),
    wholeAt,
  });
  const earlier = (await deps.store.listPassRuns(item.id)).filter((candidate) => candidate.passId === pass.id && candidate.id !== run.id);
  const repeated = earlier.find((candidate) => candidate.treeSha === commit.treeSha);
  const opened = await deps.store.updatePassRun(run.id, {
    state: "awaiting_gate",
    branch,
    prNumber: pr.number,
    headSha: commit.commitSha,
    headAt: commit.at ?? deps.clock.now(),
    treeSha: commit.treeSha,
    gateCheckRunId: null,
    // A cached run's tool loop read what its entry says; the context read now.
    reads: mergeReads(observed.reads(), cached?.entry.reads),
    writtenPaths: files.map((file) => file.path),
  });
  await postPassCostSummary(deps, github, item, opened, pass.id, budgetOf(definitions.workflow));
  const protection = await github.readBranchProtection(repo, head.branch);
  const note = protectionNote(head.branch, pass, { ...protection, reviewRulesetsHoldingPitwall: await github.rulesetsHoldingApp(repo, protection.reviewRulesetIds) });
  if (note !== item.protectionNote) await deps.store.updateWorkItem(item.id, { protectionNote: note }, deps.clock.now());
  await applyDecision(deps, item.id, { type: "pass_opened", passId: pass.id }, { actor: "pitwall", action: `pass ${pass.id} opened #${pr.number}`, detail: `iteration ${run.iteration}`, commitSha: commit.commitSha });

  // A revived pass starts over on a new PR: the same outputs again are what it should make.
  if (run.iteration > 1 && run.trigger !== "resumed" && (!commit.created || repeated)) {
    // An iteration that changes nothing, or makes a change an earlier one already made, stops the
    // loop instead of spending more.
    const what = !commit.created ? `iteration ${run.iteration} produced no change` : `iteration ${run.iteration} repeated the change of iteration ${repeated?.iteration ?? "?"}`;
    await sendBack(deps, github, { item: await deps.store.getWorkItem(item.id), pass, run: opened }, { trigger: run.trigger === "first" ? "rejected" : run.trigger, reason: what, feedback: "", actor: "pitwall", noProgress: what });
    return;
  }
  await startGateWork(deps, github, item, pass, opened, commit.commitSha);
  // CI may have finished before the pass recorded its head (its webhook found no pass run).
  await advanceGate(deps, github, item.id);
}

/** Everything the pass commits: its artifacts, then repo files (from the submission or the tool loop's writes). */
function filesOf(submission: Submission, folder: string, written: readonly { path: string; content: string }[]): { path: string; content: string }[] {
  const files = new Map<string, string>();
  for (const artifact of submission.artifacts) files.set(`${folder}/${artifact.name}`, ensureTrailingNewline(artifact.content));
  for (const file of [...submission.files, ...written]) files.set(file.path, file.content);
  return [...files].map(([path, content]) => ({ path, content }));
}

/** The summary's share of the PR body, so the files and the gate's criteria that follow it are never cut. */
const pullRequestSummaryLimit = githubLimits.body - 15_000;

function pullRequestBody(item: WorkItemRecord, pass: PassDefinition, summary: string, paths: readonly string[], iteration: number): string {
  const how =
    pass.gate.kind === "human" || pass.gate.kind === "both"
      ? "reply `/approve` (or approve in a review) when all of these hold, or `/reject <why>`:"
      : pass.gate.kind === "ci"
        ? "the repository's own checks must pass on this pull request; the criteria:"
        : `the verifiers ${pass.gate.verifiers.map((name) => `\`${name}\``).join(", ")} judge these criteria:`;
  return [
    `Pass **${pass.id}** of the \`${item.workflow}\` workflow for #${item.issueNumber}${iteration > 1 ? ` — iteration ${iteration}` : ""}.`,
    "",
    summary,
    "",
    `**Files:** ${paths.map((path) => `\`${path}\``).join(", ")}`,
    "",
    `**Gate (${pass.gate.kind}):** ${how}`,
    ...pass.gate.criteria.map((criterion) => `- [ ] ${criterion}`),
    ...(pass.deploy ? ["", `Pitwall deploys this pull request's head to \`${pass.deploy.environment}\`; the gate waits for the deployment to succeed.`] : []),
    "",
    `Part of #${item.issueNumber}. Opened by Pitwall.`,
  ].join("\n");
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

function ensureTrailingNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
