import { parseCommands, type Command } from "../commands/parse-commands.ts";
import { atLeast, mayDecideGate, maySwitchWorkflow, requiredPermission, type RepoPermission } from "../commands/permissions.ts";
import { commandsPerComment, planCommands } from "../commands/plan-commands.ts";
import { composeAnswer, invalidAnswer, type CommandAnswer } from "../commands/compose-answer.ts";
import { neutraliseModelText } from "../domain/neutralise-model-text.ts";
import { earlierSecond, githubTime } from "../domain/github-time.ts";
import { describeHold } from "./describe-hold.ts";
import { runWaitingVerifiers } from "./run-waiting-verifiers.ts";
import { startingLabel } from "./starting-label.ts";
import { unclassifiedWorkflow } from "./start-work-item.ts";
import type { Tier } from "../providers/types.ts";
import { isFinal, isPausable } from "../domain/work-item-state.ts";
import { advanceGate } from "./gate/advance-gate.ts";
import { describeVerifierFailure } from "./gate/describe-verifier-failure.ts";
import { budgetOwners, heldByBudget, releaseBudgetHold } from "./budget-gate.ts";
import { publishVerifierCheck, rerunVerifier } from "./verifier-check.ts";
import { applyDecision } from "./apply-decision.ts";
import { chooseWorkflow } from "./choose-workflow.ts";
import { rerunWorkItem } from "./rerun-work-item.ts";
import type { EngineDeps } from "./deps.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds, lockKeyOf, type CommandPayload, type RunCommandsPayload } from "./jobs.ts";
import { postWorkItemCost } from "./model-calls.ts";
import { performEffects } from "./perform-effects.ts";
import { currentGate, type CurrentGate } from "./gate/current-gate.ts";
import { mergeWhenMet } from "./gate/merge-when-met.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { sendBack } from "./send-back.ts";
import { separatedPeople, type Separation } from "./separated-people.ts";
import type { GitHubPort, Repo } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";

interface CommandContext {
  deps: EngineDeps;
  github: GitHubPort;
  repo: Repo;
  job: CommandPayload;
  item: WorkItemRecord;
  /** Asked of GitHub when the comment was taken up (author_association is not reliable). */
  permission: RepoPermission;
  /** The command being run, and where its answers gather: the comment gets one reply in all. */
  name: string;
  answers: CommandAnswer[];
  /** Set when a refusal was audited: the card is refreshed once, after the comment's commands. */
  audited: { card: boolean };
}

/**
 * Takes up one human comment on a work item's issue or pass PR, without the work
 * item's lock: GitHub is asked for the author's permission before anything else, and someone
 * without access gets one reply while nothing is read or changed. A comment with nothing valid
 * to run is answered here; one with commands goes to `runCommands` under the lock. Either way
 * the comment gets at most one reply, however many lines it holds.
 */
export async function handleCommand(deps: EngineDeps, job: CommandPayload): Promise<void> {
  const github = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const permission = await github.getRepoPermission(repo, job.author);
  if (permission === "none") {
    await github.postComment(repo, job.issueNumber, `@${job.author} you have no access to this repository, so Pitwall does not act on commands from you. Nothing was changed.`);
    return;
  }
  if (job.editedLines) {
    const names = [...new Set(job.editedLines.map((line) => `\`${/^\/[a-z][a-z-]*/i.exec(line)?.[0].toLowerCase() ?? "/?"}\``))];
    const shown = names.length > commandsPerComment ? `${names.slice(0, commandsPerComment).join(", ")} and ${names.length - commandsPerComment} more` : names.join(", ");
    const [was, it] = names.length === 1 ? ["was", "it"] : ["were", "them"];
    await github.postComment(repo, job.issueNumber, `@${job.author} edits do not run commands, so ${shown} in your edited comment ${was} not run. If you mean ${it}, write ${it} in a new comment.`);
    return;
  }
  const plan = planCommands(parseCommands(job.body));
  if (!plan.read.some((parsed) => parsed.ok)) {
    const text = composeAnswer(job.author, plan.read.flatMap((parsed) => (parsed.ok ? [] : [invalidAnswer(parsed)])), plan.unread);
    if (text) await github.postComment(repo, job.issueNumber, text);
    return;
  }
  const item = await deps.store.getWorkItem(job.workItemId);
  const { editedLines: _edited, ...rest } = job;
  const lockKey = lockKeyOf(item);
  // Its own fairness key: one person's queued commands take turns with everyone else's.
  await deps.enqueue(newJob(jobKinds.runCommands, { ...rest, permission }, { dedupeKey: `run-commands:${job.commentId}`, lockKey, fairKey: `run:${lockKey}:${job.author.toLowerCase()}` }));
}

/** Runs the commands of one comment under the work item's lock, and answers it with one reply. */
export async function runCommands(deps: EngineDeps, job: RunCommandsPayload): Promise<void> {
  const github = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  const { permission } = job;
  const plan = planCommands(parseCommands(job.body));
  const answers: CommandAnswer[] = [];
  const audited = { card: false };
  for (const parsed of plan.read) {
    if (!parsed.ok) {
      answers.push(invalidAnswer(parsed));
      continue;
    }
    const item = await deps.store.getWorkItem(job.workItemId);
    const context: CommandContext = { deps, github, repo, job, item, permission, name: parsed.command.name, answers, audited };
    // Gate commands are checked against the gate's own approver rules (and recorded when refused).
    const gateCommand = parsed.command.name === "approve" || parsed.command.name === "reject" || parsed.command.name === "waive";
    const needed = requiredPermission(parsed.command);
    if (!gateCommand && needed !== "read" && !atLeast(permission, needed)) {
      await refuse(context, parsed.command.name, `it needs ${needed} permission on the repository; yours is ${permission}`);
      continue;
    }
    await runCommand(context, parsed.command);
  }
  if (audited.card) await refreshStatusCard(deps, github, job.workItemId);
  const text = composeAnswer(job.author, answers, plan.unread);
  if (text) await github.postComment(repo, job.issueNumber, text);
}

async function runCommand(context: CommandContext, command: Command): Promise<void> {
  const { deps, github, item } = context;
  switch (command.name) {
    case "approve":
      if (command.budget) return approveBudget(context);
      return approve(context);
    case "reject":
      return reject(context, command.reason);
    case "retry":
      return retry(context);
    case "rerun":
      return rerun(context);
    case "status":
      await refreshStatusCard(deps, github, item.id);
      return github.reactToComment(context.repo, context.job.commentId, "+1");
    case "cost":
      await postWorkItemCost(deps, github, item);
      return github.reactToComment(context.repo, context.job.commentId, "+1");
    case "pause":
      return pauseOrResume(context, "pause");
    case "resume":
      return pauseOrResume(context, "resume");
    case "cancel":
      return cancel(context);
    case "workflow":
      return switchWorkflow(context, command.workflow);
    case "tier":
      return setTier(context, command.tier as Tier);
    case "waive":
      return waive(context, command.finding, command.reason);
  }
}

/** The gate a gate command acts on, or a reply saying why there is none. */
async function gateFor(context: CommandContext, name: string): Promise<CurrentGate | undefined> {
  const { item, job } = context;
  if (item.state === "paused") {
    await reply(context, `the work item is paused; \`/resume\` it before \`/${name}\`. Nothing was changed.`);
    return undefined;
  }
  const gate = await currentGate(context.deps, item.id);
  if (!gate) {
    await reply(context, `there is no gate waiting on this work item right now (state: ${item.state.replace("_", " ")}); nothing was changed.`);
    return undefined;
  }
  if (job.isPullRequest && job.issueNumber !== gate.run.prNumber) {
    await reply(context, `this pull request is not the one at the current gate; use #${gate.run.prNumber}.`);
    return undefined;
  }
  return gate;
}

/** Whether the commenter may decide this gate: approvers, separation of duties, and what they saw. */
async function gateVerdictFor(context: CommandContext, gate: CurrentGate): Promise<{ allowed: boolean; why: string }> {
  const separation = await gateSeparation(context.deps, context.github, gate);
  const verdict = mayDecideGate(gate.pass.gate.approvers, context.job.author, context.permission, separation.people, separation.unlinkedCommit);
  if (verdict.allowed && writtenBefore(context.job.createdAt, gate.run.headAt)) {
    return { allowed: false, why: `it was written before \`${gate.run.headSha.slice(0, 7)}\` became the pull request's head; look at the new commit and answer again` };
  }
  return verdict;
}

/** Who may not decide this gate, as it declares (separation of duties). */
export function gateSeparation(deps: EngineDeps, github: GitHubPort, gate: CurrentGate): Promise<Separation> {
  return separatedPeople(deps, github, gate.item, [gate.pass.gate], gate.run.prNumber);
}

async function approve(context: CommandContext): Promise<void> {
  const gate = await gateFor(context, "approve");
  if (!gate) return;
  await recordApproval(context.deps, context.github, gate, { actor: context.job.author, permission: context.permission, commitSha: gate.run.headSha, sourceCommentId: context.job.commentId, source: "comment", writtenAt: githubTime(context.job.createdAt) ?? null }, await gateVerdictFor(context, gate), (text) => reply(context, text));
  await context.github.reactToComment(context.repo, context.job.commentId, "+1");
}

export interface ApprovalInput {
  actor: string;
  permission: RepoPermission;
  commitSha: string;
  sourceCommentId: number | null;
  source: "comment" | "review";
  /** When GitHub says the `/approve` was written; null for reviews, which name their commit. */
  writtenAt: Date | null;
}

/** Records an approval (a `/approve` or a review) or its refusal, then looks at the gate again. */
export async function recordApproval(
  deps: EngineDeps,
  github: GitHubPort,
  gate: CurrentGate,
  approval: ApprovalInput,
  verdict: { allowed: boolean; why: string },
  tell: (text: string) => Promise<void>,
): Promise<void> {
  const { item, pass, run } = gate;
  const what = approval.source === "review" ? "review approval" : "/approve";
  const now = deps.clock.now();
  const base = { workItemId: item.id, passRunId: run.id, actor: approval.actor, actorPermission: approval.permission, commitSha: approval.commitSha, sourceCommentId: approval.sourceCommentId, source: approval.source, writtenAt: approval.writtenAt, decidedAt: now };
  if (!verdict.allowed) {
    await deps.store.recordGateDecision({ ...base, decision: "refused", reason: verdict.why });
    await deps.store.appendAudit({ workItemId: item.id, actor: approval.actor, action: `${what} refused on ${pass.id}`, detail: verdict.why, commitSha: approval.commitSha, at: now });
    await tell(`your ${what === "/approve" ? "`/approve`" : "approving review"} was not counted: ${verdict.why}. The gate is unchanged.`);
    await refreshStatusCard(deps, github, item.id);
    return;
  }
  await deps.store.recordGateDecision({ ...base, decision: "approve", reason: null });
  await deps.store.appendAudit({ workItemId: item.id, actor: approval.actor, action: `${what} on ${pass.id}`, detail: `${approval.permission} permission`, commitSha: approval.commitSha, at: now });
  if (approval.commitSha !== run.headSha) {
    await tell(`your approval was for \`${approval.commitSha.slice(0, 7)}\`, but the pass is now at \`${run.headSha.slice(0, 7)}\`; it was recorded but does not count for the new commit.`);
  }
  await mergeWhenMet(deps, github, item.id);
}

/** `/waive <id> <why>`: a gate approver dismisses one finding; its verifier's conclusion is recomputed. */
async function waive(context: CommandContext, id: string, reason: string): Promise<void> {
  const gate = await gateFor(context, "waive");
  if (!gate) return;
  const { deps, github, job } = context;
  const verdict = await gateVerdictFor(context, gate);
  if (!verdict.allowed) return refuse(context, "waive", verdict.why);
  const owner = (await deps.store.listVerifierRuns(gate.run.id, gate.run.headSha)).find((run) => run.findings.some((finding) => finding.id === id));
  const finding = owner?.findings.find((candidate) => candidate.id === id);
  if (!owner || !finding) return reply(context, `no finding \`${id}\` on \`${gate.run.headSha.slice(0, 7)}\` of #${gate.run.prNumber}; the ids are in the verifiers' check runs. Nothing was changed.`);
  const recorded = await deps.store.recordWaiver({ workItemId: gate.item.id, passRunId: gate.run.id, findingId: id, actor: job.author, reason, commitSha: gate.run.headSha, waivedAt: deps.clock.now() });
  if (!recorded) return reply(context, `finding \`${id}\` is already waived.`);
  await deps.store.appendAudit({ workItemId: gate.item.id, actor: job.author, action: `waived ${id} (${owner.verifier})`, detail: `${neutraliseModelText(finding.message)} — ${reason}`, commitSha: gate.run.headSha, at: deps.clock.now() });
  await github.reactToComment(context.repo, job.commentId, "+1");
  await publishVerifierCheck(deps, github, gate, owner.id);
  await advanceGate(deps, github, gate.item.id);
}

/** `/approve budget`: a budget owner lets the dispatch a budget holds back go ahead, once. */
async function approveBudget(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const owners = budgetOwners(item);
  if (!owners.some((owner) => owner.toLowerCase() === job.author.toLowerCase())) {
    return refuse(context, "approve budget", owners.length === 0 ? "no budget applies to this work item" : `only the budget owners (${owners.map((owner) => `@${owner}`).join(", ")}) may release a budget hold`);
  }
  if (!heldByBudget(item)) {
    // A verifier a budget stopped at the gate runs again, as approved.
    const gate = await currentGate(deps, item.id);
    const stopped = gate ? (await deps.store.listVerifierRuns(gate.run.id, gate.run.headSha)).filter((verifierRun) => verifierRun.budgetStop !== null) : [];
    if (!gate || stopped.length === 0) return reply(context, "no budget holds this work item back right now; nothing was changed.");
    await deps.store.updateWorkItem(item.id, { budgetApprovedFor: `${gate.pass.id}:${gate.run.iteration}` }, deps.clock.now());
    await github.reactToComment(context.repo, job.commentId, "+1");
    for (const verifierRun of stopped) {
      await deps.store.appendAudit({ workItemId: item.id, actor: job.author, action: "/approve budget", detail: `pitwall/${verifierRun.verifier} runs again: ${verifierRun.budgetStop ?? ""}`, commitSha: gate.run.headSha, at: deps.clock.now() });
      await rerunVerifier(deps, item, verifierRun.id);
    }
    return;
  }
  await deps.store.updateWorkItem(item.id, { budgetApprovedFor: `${item.currentPass}:${item.iteration}` }, deps.clock.now());
  await github.reactToComment(context.repo, job.commentId, "+1");
  await releaseBudgetHold(deps, github, item, { actor: job.author, action: "/approve budget", detail: `for ${item.currentPass} (iteration ${item.iteration}): ${item.budgetHold}` });
}

async function reject(context: CommandContext, reason: string): Promise<void> {
  const gate = await gateFor(context, "reject");
  if (!gate) return;
  const verdict = await gateVerdictFor(context, gate);
  const { deps, github, job } = context;
  const now = deps.clock.now();
  const base = { workItemId: gate.item.id, passRunId: gate.run.id, actor: job.author, actorPermission: context.permission, commitSha: gate.run.headSha, sourceCommentId: job.commentId, writtenAt: githubTime(job.createdAt) ?? null, decidedAt: now };
  if (!verdict.allowed) {
    await deps.store.recordGateDecision({ ...base, decision: "refused", reason: verdict.why });
    await refuse(context, "reject", verdict.why);
    return;
  }
  await deps.store.recordGateDecision({ ...base, decision: "reject", reason });
  await github.reactToComment(context.repo, job.commentId, "+1");
  const findings = (await deps.store.listVerifierRuns(gate.run.id, gate.run.headSha)).filter((run) => run.conclusion === "failure").map(describeVerifierFailure);
  await sendBack(deps, github, gate, {
    trigger: "rejected",
    reason: `@${job.author}: ${reason}`,
    feedback: [`@${job.author} rejected iteration ${gate.run.iteration}: ${reason}`, ...(gate.run.feedback ? [`Earlier feedback:\n${gate.run.feedback}`] : []), ...(findings.length > 0 ? [`Verifier findings:\n${findings.join("\n")}`] : [])].join("\n\n"),
    actor: job.author,
  });
}

async function retry(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const pass = item.definitions?.workflow.passes.find((candidate) => candidate.id === item.currentPass);
  const run = pass ? await deps.store.latestPassRun(item.id, pass.id) : undefined;
  if (!(item.state === "failed" || item.state === "escalated") || !pass || !run) {
    const hint = item.state === "blocked" ? " A blocked work item starts again when you remove and re-add its label." : "";
    return reply(context, `\`/retry\` re-runs a failed or escalated pass; this work item is ${item.state.replace("_", " ")}.${hint} Nothing was changed.`);
  }
  await github.reactToComment(context.repo, job.commentId, "+1");
  await sendBack(deps, github, { item, pass, run }, { trigger: "retry", reason: `@${job.author} asked for a retry`, feedback: run.feedback ?? run.error ?? "", actor: job.author });
}

async function rerun(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const outcome = await rerunWorkItem(deps, github, item, job.author);
  if (!outcome.ok) return reply(context, outcome.message);
  await github.reactToComment(context.repo, job.commentId, "+1");
}

async function pauseOrResume(context: CommandContext, what: "pause" | "resume"): Promise<void> {
  const { deps, github, item, job } = context;
  if (what === "resume" && item.state === "cancelled" && item.hold === "issue_closed") return revive(context);
  if (what === "resume" && item.hold !== null && item.state === "paused") {
    return reply(context, `the work item is held because ${item.stateReason ?? item.hold}. ${describeHold(item.hold, startingLabel(item) ?? null)}; \`/resume\` cannot lift this hold. Nothing was changed.`);
  }
  if (what === "pause" ? !isPausable(item.state) : item.state !== "paused") {
    const why = item.state === "running" ? "a pass is running right now; try again when it has opened its pull request" : `the work item is ${item.state.replace("_", " ")}`;
    return reply(context, what === "pause" ? `${why}; nothing was paused.` : "the work item is not paused.");
  }
  const { item: updated, effects } = await applyDecision(deps, item.id, { type: what === "pause" ? "pause_requested" : "resume_requested" }, { actor: job.author, action: what === "pause" ? "paused" : "resumed" });
  await github.reactToComment(context.repo, job.commentId, "+1");
  await refreshStatusCard(deps, github, updated.id);
  await performEffects(deps, github, updated, effects);
  if (what === "resume") await runWaitingVerifiers(deps, updated.id);
}

/** `/resume` on a work item that closing its issue cancelled: once the issue is open, the current pass runs again. */
async function revive(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  const issue = await github.getIssue(context.repo, item.issueNumber);
  if (issue.state !== "open") return reply(context, "the issue is closed; reopen it first, then `/resume`. Nothing was changed.");
  const passId = item.currentPass;
  const latest = passId === null ? undefined : await deps.store.latestPassRun(item.id, passId);
  if (passId === null) return reply(context, "the work item was cancelled before any pass ran, so there is nothing to run again; open a new issue for the work. Nothing was changed.");
  // A pass that ran (its PR was closed with the work item) runs as its next iteration, on a new PR.
  const iteration = latest && latest.state !== "queued" ? item.iteration + 1 : item.iteration;
  const { item: revived } = await applyDecision(
    deps,
    item.id,
    { type: "revive_requested", iteration },
    { actor: job.author, action: "resumed", detail: `the issue was reopened; ${passId} runs again (iteration ${iteration})` },
    { trigger: "resumed", feedback: latest?.feedback ?? undefined },
    (tx) => tx.updateWorkItem(item.id, { hold: null, holdPaused: false }, deps.clock.now()).then(() => undefined),
  );
  await github.reactToComment(context.repo, job.commentId, "+1");
  await refreshStatusCard(deps, github, revived.id);
}

async function cancel(context: CommandContext): Promise<void> {
  const { deps, github, item, job } = context;
  if (isFinal(item.state)) return reply(context, `the work item is already ${item.state}.`);
  const reason = `work item cancelled by @${job.author}`;
  const { item: updated, effects } = await applyDecision(deps, item.id, { type: "cancel_requested", reason }, { actor: job.author, action: "cancelled" });
  await github.reactToComment(context.repo, job.commentId, "+1");
  await performEffects(deps, github, updated, effects);
  await refreshStatusCard(deps, github, updated.id);
}

async function switchWorkflow(context: CommandContext, workflow: string): Promise<void> {
  const { deps, github, item, job } = context;
  const merged = (await deps.store.listPassRuns(item.id)).some((run) => run.state === "merged");
  if (isFinal(item.state) || merged || item.state === "paused") {
    return reply(context, `\`/workflow\` can switch only before the first gate is met; this work item is ${item.state.replace("_", " ")}${merged ? " and a pass has merged" : ""}. Nothing was changed.`);
  }
  // Choosing the first workflow of an unclassified work item (the analyst's proposal) lowers nothing.
  if (item.workflow === unclassifiedWorkflow && (item.definitions?.workflow.passes.length ?? 0) === 0) {
    const outcome = await chooseWorkflow(deps, github, item, workflow, job.author);
    if (!outcome.ok) return reply(context, outcome.message);
    return github.reactToComment(context.repo, job.commentId, "+1");
  }
  if (!item.definitions) {
    // Nothing was pinned (the definitions were broken when the label came): what the gates of
    // `item.workflow` require is unknown, so no switch can be shown not to lower them.
    return refuse(context, "workflow", `the \`${item.workflow}\` workflow could not be pinned when the work item started, so Pitwall cannot tell what its gates require; fix the definitions, then remove and re-add the label`);
  }
  // Leaving a pinned workflow is a gate decision: only an approver that workflow's gates accept
  // may take it, and it is recorded.
  const gates = item.definitions.workflow.passes.map((pass) => pass.gate);
  const run = item.currentPass === null ? undefined : await deps.store.latestPassRun(item.id, item.currentPass);
  const separated = await separatedPeople(deps, github, item, gates.filter((gate) => gate.kind === "human" || gate.kind === "both"), run?.prNumber ?? null);
  const verdict = maySwitchWorkflow(item.workflow, gates, job.author, context.permission, separated.people, separated.unlinkedCommit);
  const decision = { workItemId: item.id, passRunId: run?.id ?? null, actor: job.author, actorPermission: context.permission, commitSha: run?.headSha ?? null, sourceCommentId: job.commentId, writtenAt: githubTime(job.createdAt) ?? null };
  if (!verdict.allowed) {
    await deps.store.recordGateDecision({ ...decision, decision: "refused", reason: verdict.why, decidedAt: deps.clock.now() });
    return refuse(context, "workflow", verdict.why);
  }
  const from = item.workflow;
  const outcome = await chooseWorkflow(deps, github, item, workflow, job.author);
  if (!outcome.ok) return reply(context, outcome.message);
  await deps.store.recordGateDecision({ ...decision, decision: "switch", reason: `${from} → ${workflow}`, decidedAt: deps.clock.now() });
  await github.reactToComment(context.repo, job.commentId, "+1");
}

async function setTier(context: CommandContext, tier: Tier): Promise<void> {
  const { deps, github, item, job } = context;
  if (isFinal(item.state) || item.currentPass === null) return reply(context, `there is no pass to run on another tier (state: ${item.state}).`);
  await deps.store.updateWorkItem(item.id, { tierOverride: tier }, deps.clock.now());
  await deps.store.appendAudit({ workItemId: item.id, actor: job.author, action: `/tier ${tier}`, detail: `for the next run of ${item.currentPass}`, commitSha: null, at: deps.clock.now() });
  await reply(context, `the next run of \`${item.currentPass}\` uses the \`${tier}\` tier (\`/reject <why>\` or \`/retry\` starts it).`);
  await refreshStatusCard(deps, github, item.id);
}

async function refuse(context: CommandContext, name: string, why: string): Promise<void> {
  const { deps, item, job } = context;
  await deps.store.appendAudit({ workItemId: item.id, actor: job.author, action: `/${name} refused`, detail: why, commitSha: null, at: deps.clock.now() });
  await reply(context, `your \`/${name}\` was not counted: ${why}. Nothing was changed.`);
  context.audited.card = true;
}

/** Gathers an answer to the command being run; `runCommands` posts them all as the comment's one reply. */
function reply(context: CommandContext, text: string): Promise<void> {
  context.answers.push({ name: context.name, text });
  return Promise.resolve();
}

/**
 * A comment written before the gate's current head became the head was about an earlier commit
 * (it waited in the queue behind a rework or a push). Both times are GitHub's, at its one-second
 * precision: the comment's `created_at` and the head's push or commit time.
 */
function writtenBefore(createdAt: string | undefined, headAt: Date | null): boolean {
  const written = githubTime(createdAt);
  if (written === undefined || headAt === null) return false;
  return earlierSecond(written, headAt);
}
