import { applyDecision } from "../apply-decision.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort } from "../github-port.ts";
import { rememberOutcome } from "../pass-outcomes.ts";
import { passAfter } from "../pass-order.ts";
import { performEffects } from "../perform-effects.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import type { CurrentGate } from "./current-gate.ts";
import { repoOf } from "../repo-of.ts";

/**
 * The pass's PR merged (by Pitwall, or by a person where the workflow says so): next pass, or
 * done. Safe to run again after a crash: the follow-up issue is recorded once, and the pass run
 * is marked merged in the same transaction as the state change.
 */
export async function passMerged(deps: OrchestratorDeps, github: GitHubPort, gate: CurrentGate, mergeSha: string, mergedBy: string): Promise<void> {
  const { item, pass, run } = gate;
  if (pass.follow_up_issue && run.followUpIssue === null) {
    const fill = (text: string) => text.replaceAll("{title}", item.issueTitle).replaceAll("{number}", String(item.issueNumber));
    const issue = await github.createIssue(repoOf(item), {
      title: fill(pass.follow_up_issue.title),
      body: `${fill(pass.follow_up_issue.body)}\n\nDeferred by the \`${item.workflow}\` workflow of #${item.issueNumber} (pass \`${pass.id}\`). Opened by Pitwall.`,
      labels: pass.follow_up_issue.labels,
    });
    await deps.store.updatePassRun(run.id, { followUpIssue: issue.number });
  }
  // The approved outcome, for a re-run of the work item to reuse while its inputs are unchanged.
  await rememberOutcome(deps, github, gate);
  const next = passAfter(item, pass.id);
  const { item: updated, effects } = await applyDecision(
    deps,
    item.id,
    { type: "pass_merged", passId: pass.id, nextPass: next?.id ?? null },
    { actor: mergedBy, action: `merged #${run.prNumber}`, detail: next ? `next pass: ${next.id}` : "last pass: work item done", commitSha: mergeSha },
    { trigger: "first" },
    (tx) => tx.updatePassRun(run.id, { state: "merged", finishedAt: deps.clock.now() }).then(() => undefined),
  );
  await refreshStatusCard(deps, github, updated.id);
  await performEffects(deps, github, updated, effects);
}
