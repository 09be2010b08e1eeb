import { applyDecision } from "../apply-decision.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { escalate } from "../escalate.ts";
import type { CurrentGate } from "../gate/current-gate.ts";
import { passMerged } from "../gate/pass-merged.ts";
import { publishGateCheck } from "../gate/publish-gate-check.ts";
import { refreshStatusCard } from "../refresh-status-card.ts";
import type { EventContext, PassPrEvent } from "./event-context.ts";

/** The pass PR was closed: without a merge the pass fails; a person's merge goes on only if the gate was met. */
export async function prClosed({ deps, github, gate }: EventContext, event: PassPrEvent<"pr_closed">): Promise<void> {
  const { item, pass, run } = gate;
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
  const verdict = await publishGateCheck(deps, github, mergedGate);
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
}

/**
 * The gate at the head GitHub merged, when it is not the head Pitwall knew (a person pushed and
 * merged before the push's webhook came): the pass run moves there, with no head time, so only
 * approvals given for that very commit count.
 */
async function atMergedHead(deps: OrchestratorDeps, gate: CurrentGate, headSha: string): Promise<CurrentGate> {
  const moved = await deps.store.updatePassRun(gate.run.id, { headSha, headAt: null, gateCheckRunId: null });
  return { ...gate, run: { ...moved, prNumber: gate.run.prNumber, headSha } };
}
