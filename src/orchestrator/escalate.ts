import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import type { GitHubPort } from "./github-port.ts";
import type { WorkItemRecord } from "../domain/types.ts";

/**
 * Hands the work item to a person: the decision (with its audit entry), the card, then the
 * label and the mention. Returns the work item as it now is.
 */
export async function escalate(
  deps: OrchestratorDeps,
  github: GitHubPort,
  workItemId: number,
  passId: string,
  reason: string,
  audit: { actor: string; action?: string; detail?: string; commitSha?: string | null },
): Promise<WorkItemRecord> {
  const { item, effects } = await applyDecision(deps, workItemId, { type: "escalated", passId, reason }, { actor: audit.actor, action: audit.action ?? `${passId} handed to a person`, detail: audit.detail ?? reason, commitSha: audit.commitSha ?? null });
  await refreshStatusCard(deps, github, item.id);
  await performEffects(deps, github, item, effects);
  return item;
}
