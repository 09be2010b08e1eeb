import { mayDecideGate } from "../../commands/permissions.ts";
import { postComment } from "../../github/comments.ts";
import type { Repo } from "../../github/octokit.ts";
import { getRepoPermission } from "../../github/permissions.ts";
import { listRepoChecks, readBranchProtection, readCheckAnnotations } from "../../github/repo-checks.ts";
import { appendAudit } from "../../store/audit-log.ts";
import { getPassRun, updatePassRun } from "../../store/pass-runs.ts";
import { summariseCi } from "../evaluate-gate.ts";
import { applyDecision } from "./apply-decision.ts";
import type { EngineDeps } from "./deps.ts";
import { recordApproval } from "./handle-command.ts";
import type { GitHubEventPayload } from "./jobs.ts";
import { performEffects } from "./perform-effects.ts";
import { currentGate, passMerged, reevaluateGate, type CurrentGate } from "./reevaluate-gate.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { sendBack } from "./send-back.ts";

/** What GitHub tells us about a pass PR: reviews, the repo's CI, deployments, pushes, merges. */
export async function handleGitHubEvent(deps: EngineDeps, job: GitHubEventPayload): Promise<void> {
  const gate = await currentGate(deps, job.workItemId);
  if (!gate || gate.run.id !== job.passRunId) {
    // A deployment of an earlier iteration may still report; keep its state for the record.
    if (job.event.kind === "deployment_status") await updatePassRun(deps.sql, job.passRunId, { deploymentState: job.event.state, deploymentUrl: job.event.url });
    deps.log.info({ workItemId: job.workItemId, passRunId: job.passRunId, event: job.event.kind }, "event for a pass run that is not at the gate; ignored");
    return;
  }
  const gh = await deps.githubFor(job.installationId);
  const { item, pass, run } = gate;
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  const event = job.event;
  switch (event.kind) {
    case "review_approved": {
      // A PR review "Approve" counts as `/approve` from the same person, at the reviewed commit.
      const permission = await getRepoPermission(gh, repo, event.reviewer);
      const rule = mayDecideGate(pass.gate.approvers, event.reviewer, permission);
      const separated = pass.gate.separate_from === "initiator" && event.reviewer.toLowerCase() === item.initiator.toLowerCase();
      const verdict = separated ? { allowed: false, why: `this gate needs an approver other than @${item.initiator}, who started the work item (separation of duties)` } : rule;
      await recordApproval(deps, gh, gate, { actor: event.reviewer, permission, commitSha: event.commitSha, sourceCommentId: null, source: "review" }, verdict, (text) =>
        postComment(gh, repo, run.prNumber, `@${event.reviewer} ${text}`).then(() => undefined),
      );
      return;
    }
    case "deployment_status":
      if (event.deploymentId !== run.deploymentId) return;
      await updatePassRun(deps.sql, run.id, { deploymentState: event.state, deploymentUrl: event.url });
      await appendAudit(deps.sql, { workItemId: item.id, actor: "github", action: `deployment ${event.state}`, detail: `${pass.deploy?.environment ?? "?"} for ${pass.id}`, commitSha: run.headSha, at: deps.clock.now() });
      if (event.state === "failure" || event.state === "error") {
        const reason = `the deployment to \`${pass.deploy?.environment ?? "?"}\` ended in ${event.state}`;
        const { item: updated, effects } = await applyDecision(deps, item.id, { type: "escalated", passId: pass.id, reason }, { actor: "pitwall", action: `${pass.id} handed to a person`, detail: reason, commitSha: run.headSha });
        await performEffects(deps, gh, updated, effects);
        await reevaluateGate(deps, gh, item.id);
        return;
      }
      await reevaluateGate(deps, gh, item.id);
      return;
    case "ci_reported":
      if (event.sha !== run.headSha) return;
      await onCiReported(deps, gate, repo);
      return;
    case "pr_pushed": {
      if (event.headSha === run.headSha) return;
      // A person pushed to the pass PR: earlier approvals are for another commit now, and the
      // gate needs a fresh look (a new `pitwall/gate` on the new head).
      await updatePassRun(deps.sql, run.id, { headSha: event.headSha, gateCheckRunId: null });
      await appendAudit(deps.sql, { workItemId: item.id, actor: event.sender, action: `pushed to #${run.prNumber}`, detail: "approvals on earlier commits no longer count", commitSha: event.headSha, at: deps.clock.now() });
      await reevaluateGate(deps, gh, item.id);
      return;
    }
    case "pr_closed":
      if (event.merged && event.mergeSha) {
        await passMerged(deps, gh, gate, event.mergeSha, event.sender);
        return;
      }
      await updatePassRun(deps.sql, run.id, { state: "closed", finishedAt: deps.clock.now() });
      await applyDecision(deps, item.id, { type: "pass_failed", passId: pass.id, reason: `@${event.sender} closed #${run.prNumber} without merging; \`/retry\` runs the pass again` }, { actor: event.sender, action: `closed #${run.prNumber}` });
      await refreshStatusCard(deps, gh, item.id);
      return;
  }
}

/**
 * The repo's CI reported on the pass PR's head (or the pass just opened and CI may already have
 * finished): send failures back to the agent, or look at the gate.
 */
export async function onCiReported(deps: EngineDeps, gate: CurrentGate, repo: Repo): Promise<void> {
  const { item, pass, run } = gate;
  const gh = await deps.githubFor(item.installationId);
  if (!pass.ci_feedback || run.ciFeedbackSha === run.headSha) {
    await reevaluateGate(deps, gh, item.id);
    return;
  }
  const { data: pull } = await gh.rest.pulls.get({ ...repo, pull_number: run.prNumber });
  const protection = await readBranchProtection(gh, repo, pull.base.ref);
  const required = protection.requiredChecks.filter((name) => !name.startsWith("pitwall/"));
  const checks = await listRepoChecks(gh, repo, run.headSha, undefined);
  const ci = summariseCi({ required: required.length > 0 ? required : undefined, checks });
  if (ci.pending > 0 || ci.failed.length === 0) {
    await reevaluateGate(deps, gh, item.id);
    return;
  }
  // Every check has finished and some failed: their output and annotations go back to the
  // agent on the same PR (once per commit).
  await updatePassRun(deps.sql, run.id, { ciFeedbackSha: run.headSha });
  const failures: string[] = [];
  for (const check of checks.filter((candidate) => ci.failed.includes(candidate.name))) {
    const annotations = check.checkRunId !== undefined ? await readCheckAnnotations(gh, repo, check.checkRunId) : [];
    failures.push([`Check \`${check.name}\` ended in ${check.conclusion ?? "failure"}.`, check.summary ?? "", ...annotations.map((line) => `- ${line}`)].filter(Boolean).join("\n"));
  }
  await sendBack(deps, gh, { item, pass, run: await getPassRun(deps.sql, run.id) }, {
    trigger: "ci_failed",
    reason: `${ci.failed.map((name) => `\`${name}\``).join(", ")} failed on \`${run.headSha.slice(0, 7)}\``,
    feedback: `The repository's CI failed on your previous iteration (commit ${run.headSha}). Fix the cause, not the tests.\n\n${failures.join("\n\n")}`,
    actor: "pitwall",
  });
}
