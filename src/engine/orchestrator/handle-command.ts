import { parseCommands, type Command } from "../../commands/parse-commands.ts";
import { mayDecideGate } from "../../commands/permissions.ts";
import { upsertCheckRun } from "../../github/check-runs.ts";
import { postComment } from "../../github/comments.ts";
import { reactToComment } from "../../github/issues.ts";
import type { GitHub, Repo } from "../../github/octokit.ts";
import { getRepoPermission } from "../../github/permissions.ts";
import { mergePullRequest } from "../../github/pull-requests.ts";
import { appendAudit } from "../../store/audit-log.ts";
import { listGateDecisions, recordGateDecision } from "../../store/gate-decisions.ts";
import { latestPassRun, updatePassRun } from "../../store/pass-runs.ts";
import { getWorkItem, type WorkItemRecord } from "../../store/work-items.ts";
import { applyDecision } from "./apply-decision.ts";
import type { EngineDeps } from "./deps.ts";
import { gateExternalId, renderGateSummary } from "./gate-summary.ts";
import type { CommandPayload } from "./jobs.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";

/** Runs the slash commands of one human comment on a work item's issue or pass PR (DESIGN §5). */
export async function handleCommand(deps: EngineDeps, job: CommandPayload): Promise<void> {
  const gh = await deps.githubFor(job.installationId);
  const repo: Repo = { owner: job.owner, repo: job.repo };
  for (const parsed of parseCommands(job.body)) {
    if (!parsed.ok) {
      await postComment(gh, repo, job.issueNumber, `@${job.author} ${parsed.error}.\n\nUsage:\n- ${parsed.usage}`);
      continue;
    }
    await runCommand(deps, gh, repo, job, parsed.command);
  }
}

async function runCommand(deps: EngineDeps, gh: GitHub, repo: Repo, job: CommandPayload, command: Command): Promise<void> {
  const item = await getWorkItem(deps.sql, job.workItemId);
  switch (command.name) {
    case "approve":
      if (command.budget) return reply(gh, repo, job, "`/approve budget` is not available yet: this version of Pitwall has no budget holds to release.");
      return approve(deps, gh, repo, job, item);
    case "status":
      await refreshStatusCard(deps, gh, item.id);
      return reactToComment(gh, repo, job.commentId, "+1");
    default:
      return reply(gh, repo, job, `\`/${command.name}\` is recognised but not available yet in this version of Pitwall; nothing was changed.`);
  }
}

async function approve(deps: EngineDeps, gh: GitHub, repo: Repo, job: CommandPayload, item: WorkItemRecord): Promise<void> {
  const passId = item.currentPass;
  const pass = item.definitions?.workflow.passes.find((candidate) => candidate.id === passId);
  const run = passId ? await latestPassRun(deps.sql, item.id, passId) : undefined;
  if (item.state !== "awaiting_gate" || !pass || !run || run.state !== "awaiting_gate" || run.prNumber === null || run.headSha === null) {
    return reply(gh, repo, job, `there is no gate waiting for approval on this work item right now (state: ${item.state.replace("_", " ")}); nothing was changed.`);
  }
  if (job.isPullRequest && job.issueNumber !== run.prNumber) {
    return reply(gh, repo, job, `this pull request is not the one at the current gate; approve on #${run.prNumber}.`);
  }
  // Permission is asked of GitHub now; the webhook's author_association is not reliable.
  const permission = await getRepoPermission(gh, repo, job.author);
  const verdict = mayDecideGate(pass.gate.approvers, job.author, permission);
  const now = deps.clock.now();
  const decision = { workItemId: item.id, passRunId: run.id, actor: job.author, actorPermission: permission, commitSha: run.headSha, reason: null, sourceCommentId: job.commentId, decidedAt: now };
  if (!verdict.allowed) {
    await recordGateDecision(deps.sql, { ...decision, decision: "refused", reason: verdict.why });
    await appendAudit(deps.sql, { workItemId: item.id, actor: job.author, action: `/approve refused on ${pass.id}`, detail: verdict.why, commitSha: run.headSha, at: now });
    await reply(gh, repo, job, `your \`/approve\` was not counted: ${verdict.why}. The gate is unchanged.`);
    await refreshStatusCard(deps, gh, item.id);
    return;
  }
  await recordGateDecision(deps.sql, { ...decision, decision: "approve" });
  await appendAudit(deps.sql, { workItemId: item.id, actor: job.author, action: `/approve on ${pass.id}`, detail: `${permission} permission`, commitSha: run.headSha, at: now });
  await reactToComment(gh, repo, job.commentId, "+1");

  // Approvals belong to a commit: only those at the current head count.
  const approvals = (await listGateDecisions(deps.sql, run.id)).filter((entry) => entry.decision === "approve" && entry.commitSha === run.headSha);
  const distinct = [...new Map(approvals.map((entry) => [entry.actor.toLowerCase(), entry])).values()];
  const met = distinct.length >= pass.gate.required_approvals;
  await upsertCheckRun(
    gh,
    repo,
    {
      name: "pitwall/gate",
      headSha: run.headSha,
      externalId: gateExternalId(item.id, pass.id, run.iteration),
      status: met ? "completed" : "in_progress",
      conclusion: met ? "success" : undefined,
      title: met ? "Gate met" : `${distinct.length} of ${pass.gate.required_approvals} approvals`,
      summary: renderGateSummary(pass.gate, distinct),
    },
    run.gateCheckRunId,
  );
  if (!met) {
    await refreshStatusCard(deps, gh, item.id);
    return;
  }
  const merge = await mergePullRequest(gh, repo, run.prNumber, run.headSha, `pitwall: merge ${pass.id} for #${item.issueNumber}`);
  if (!merge.merged) {
    await applyDecision(deps, item.id, { type: "merge_refused", passId: pass.id, reason: `GitHub refused the merge of #${run.prNumber}: ${merge.reason}` }, { actor: "pitwall", action: "merge refused", detail: merge.reason, commitSha: run.headSha });
    await refreshStatusCard(deps, gh, item.id);
    return;
  }
  await updatePassRun(deps.sql, run.id, { state: "merged", finishedAt: deps.clock.now() });
  const passes = item.definitions?.workflow.passes ?? [];
  const next = passes[passes.findIndex((candidate) => candidate.id === pass.id) + 1];
  const { item: updated, effects } = await applyDecision(
    deps,
    item.id,
    { type: "pass_merged", passId: pass.id, nextPass: next?.id ?? null },
    { actor: "pitwall", action: `merged #${run.prNumber}`, detail: next ? `next pass: ${next.id}` : "last pass: work item done", commitSha: merge.sha },
  );
  await refreshStatusCard(deps, gh, updated.id);
  await performEffects(deps, gh, updated, effects);
}

async function reply(gh: GitHub, repo: Repo, job: CommandPayload, text: string): Promise<void> {
  await postComment(gh, repo, job.issueNumber, `@${job.author} ${text}`);
}
