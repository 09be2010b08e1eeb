import { applyDecision } from "../apply-decision.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import type { PreparedPass } from "./prepare-pass.ts";

/** The pass run fails with a reason, unless the work item was stopped meanwhile. */
export async function failPass(deps: OrchestratorDeps, prepared: PreparedPass, reason: string): Promise<void> {
  const { fence, github, item, pass, run } = prepared;
  await fence.check();
  await deps.store.updatePassRun(run.id, { state: "failed", error: reason, finishedAt: deps.clock.now() });
  await applyDecision(deps, item.id, { type: "pass_failed", passId: pass.id, reason }, { actor: "pitwall", action: `pass ${pass.id} failed`, detail: reason });
  await refreshStatusCard(deps, github, item.id);
}
