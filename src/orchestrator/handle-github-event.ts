import { mayDecideGate } from "../commands/permissions.ts";
import { earlierSecond, githubTime } from "../domain/github-time.ts";
import { deploymentStateAfter } from "../domain/deploy-time-limit.ts";
import { atLeast } from "../commands/permissions.ts";
import { applyDecision } from "./apply-decision.ts";
import type { EngineDeps } from "./deps.ts";
import { gateSeparation } from "./commands/gate-separation.ts";
import { recordApproval } from "./commands/record-approval.ts";
import type { GitHubEventPayload } from "./jobs.ts";
import { escalate } from "./perform-effects.ts";
import { actOnGate } from "./act-on-gate.ts";
import { startGateWork } from "./gate-work.ts";
import { assessGate, currentGate, passMerged, type CurrentGate } from "./reevaluate-gate.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { rerunVerifier } from "./verifier-check.ts";
import type { Repo } from "./github-port.ts";

/** What GitHub tells us about a pass PR: reviews, the repo's CI, deployments, pushes, merges. */
export async function handleGitHubEvent(deps: EngineDeps, job: GitHubEventPayload): Promise<void> {
  const gate = await currentGate(deps, job.workItemId);
  if (!gate || gate.run.id !== job.passRunId) {
    // A deployment of an earlier iteration may still report; keep its state for the record.
    if (job.event.kind === "deployment_status") await deps.store.updatePassRun(job.passRunId, { deploymentState: job.event.state, deploymentUrl: job.event.url });
    deps.log.info({ workItemId: job.workItemId, passRunId: job.passRunId, event: job.event.kind }, "event for a pass run that is not at the gate; ignored");
    return;
  }
  const github = await deps.githubFor(job.installationId);
  const { item, pass, run } = gate;
  const repo: Repo = { owner: item.repo.owner, repo: item.repo.name };
  const event = job.event;
  switch (event.kind) {
    case "review_approved": {
      // A PR review "Approve" counts as `/approve` from the same person, at the reviewed commit.
      const permission = await github.getRepoPermission(repo, event.reviewer);
      const separation = await gateSeparation(deps, github, gate);
      const verdict = mayDecideGate(pass.gate.approvers, event.reviewer, permission, separation.people, separation.unlinkedCommit);
      await recordApproval(deps, github, gate, { actor: event.reviewer, permission, commitSha: event.commitSha, sourceCommentId: null, source: "review", writtenAt: null }, verdict, (text) =>
        github.postComment(repo, run.prNumber, `@${event.reviewer} ${text}`).then(() => undefined),
      );
      return;
    }
    case "deployment_status":
      if (event.deploymentId !== run.deploymentId) return;
      await deps.store.updatePassRun(run.id, { deploymentState: deploymentStateAfter(run.deploymentState, event.state), deploymentUrl: event.url });
      await deps.store.appendAudit({ workItemId: item.id, actor: "github", action: `deployment ${event.state}`, detail: `${pass.deploy?.environment ?? "?"} for ${pass.id}`, commitSha: run.headSha, at: deps.clock.now() });
      await actOnGate(deps, github, item.id);
      return;
    case "ci_reported":
      if (event.sha !== run.headSha) return;
      await actOnGate(deps, github, item.id);
      return;
    case "pr_pushed": {
      if (event.headSha === run.headSha) return;
      // A person pushed to the pass PR: earlier approvals are for another commit now, and what the
      // gate waits for (deployment, verifiers, CI) starts again on the new head. The head's time is
      // GitHub's (when it recorded the push), not when this webhook happened to arrive, nor the
      // commit's date, which the pusher sets.
      const pushedAt = githubTime(event.pushedAt);
      if (pushedAt && run.headAt && earlierSecond(pushedAt, run.headAt)) {
        // GitHub recorded this push before the head we have: its webhook came late, it is not the head.
        deps.log.info({ workItemId: item.id, passRunId: run.id, headSha: event.headSha }, "a push older than the pass PR's head arrived late; ignored");
        return;
      }
      const moved = await deps.store.updatePassRun(run.id, { headSha: event.headSha, headAt: pushedAt ?? deps.clock.now(), gateCheckRunId: null, deploymentState: "none", deploymentUrl: null });
      await deps.store.appendAudit({ workItemId: item.id, actor: event.sender, action: `pushed to #${run.prNumber}`, detail: "approvals on earlier commits no longer count", commitSha: event.headSha, at: deps.clock.now() });
      await startGateWork(deps, github, item, pass, moved, event.headSha);
      await actOnGate(deps, github, item.id);
      return;
    }
    case "verifier_action": {
      const verifierRun = await deps.store.getVerifierRun(event.verifierRunId);
      if (verifierRun.headSha !== run.headSha) return;
      const permission = await github.getRepoPermission(repo, event.sender);
      if (!atLeast(permission, "write")) {
        await github.postComment(repo, run.prNumber, `@${event.sender} the buttons on \`pitwall/${verifierRun.verifier}\` need write access to the repository; yours is ${permission}. Nothing was changed.`);
        return;
      }
      if (event.action === "escalate") {
        const reason = `@${event.sender} asked for a person on \`pitwall/${verifierRun.verifier}\``;
        if (item.state === "escalated" || item.state === "paused") return;
        await escalate(deps, github, item.id, pass.id, reason, { actor: event.sender, commitSha: run.headSha });
        return;
      }
      await deps.store.appendAudit({ workItemId: item.id, actor: event.sender, action: `re-ran pitwall/${verifierRun.verifier}`, detail: null, commitSha: run.headSha, at: deps.clock.now() });
      await rerunVerifier(deps, item, verifierRun.id);
      return;
    }
    case "pr_closed": {
      if (!event.merged || !event.mergeSha) {
        await deps.store.updatePassRun(run.id, { state: "closed", finishedAt: deps.clock.now() });
        await applyDecision(deps, item.id, { type: "pass_failed", passId: pass.id, reason: `@${event.sender} closed #${run.prNumber} without merging; \`/retry\` runs the pass again` }, { actor: event.sender, action: `closed #${run.prNumber}` });
        await refreshStatusCard(deps, github, item.id);
        return;
      }
      // A person merged: go on only if the gate was met at the commit GitHub merged (its push's
      // webhook may not have come yet: approvals count only for the commit they were given for);
      // otherwise a person must look.
      const mergedGate = event.headSha && event.headSha !== run.headSha ? await atMergedHead(deps, gate, event.headSha) : gate;
      const verdict = await assessGate(deps, github, mergedGate);
      if (verdict.met) {
        await passMerged(deps, github, mergedGate, event.mergeSha, event.sender);
        return;
      }
      const reason = `@${event.sender} merged #${run.prNumber} before its gate was met (missing: ${verdict.missing.join("; ")})`;
      if (item.state === "escalated") {
        await refreshStatusCard(deps, github, item.id);
        return;
      }
      await escalate(deps, github, item.id, pass.id, reason, { actor: event.sender, action: `merged #${run.prNumber} early`, commitSha: event.mergeSha });
      return;
    }
  }
}

/**
 * The gate at the head GitHub merged, when it is not the head Pitwall knew (a person pushed and
 * merged before the push's webhook came): the pass run moves there, with no head time, so only
 * approvals given for that very commit count.
 */
async function atMergedHead(deps: EngineDeps, gate: CurrentGate, headSha: string): Promise<CurrentGate> {
  const moved = await deps.store.updatePassRun(gate.run.id, { headSha, headAt: null, gateCheckRunId: null });
  return { ...gate, run: { ...moved, prNumber: gate.run.prNumber, headSha } };
}
