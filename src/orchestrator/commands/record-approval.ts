import type { RepoPermission } from "../../commands/permissions.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort } from "../github-port.ts";
import type { CurrentGate } from "../gate/current-gate.ts";
import { mergeWhenMet } from "../gate/merge-when-met.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";

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
  deps: OrchestratorDeps,
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
