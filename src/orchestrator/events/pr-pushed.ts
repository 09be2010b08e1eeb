import { earlierSecond, githubTime } from "../../domain/github-time.ts";
import { advanceGate } from "../gate/advance-gate.ts";
import { startGateWork } from "../gate/start-gate-work.ts";
import type { EventContext, PassPrEvent } from "./event-context.ts";

/**
 * A person pushed to the pass PR: earlier approvals are for another commit now, and what the
 * gate waits for (deployment, verifiers, CI) starts again on the new head. The head's time is
 * GitHub's (when it recorded the push), not when this webhook happened to arrive, nor the
 * commit's date, which the pusher sets.
 */
export async function prPushed({ deps, github, gate }: EventContext, event: PassPrEvent<"pr_pushed">): Promise<void> {
  const { item, pass, run } = gate;
  if (event.headSha === run.headSha) return;
  const pushedAt = githubTime(event.pushedAt);
  if (pushedAt && run.headAt && earlierSecond(pushedAt, run.headAt)) {
    // GitHub recorded this push before the head we have: its webhook came late, it is not the head.
    deps.log.info({ workItemId: item.id, passRunId: run.id, headSha: event.headSha }, "a push older than the pass PR's head arrived late; ignored");
    return;
  }
  const moved = await deps.store.updatePassRun(run.id, { headSha: event.headSha, headAt: pushedAt ?? deps.clock.now(), gateCheckRunId: null, deploymentState: "none", deploymentUrl: null });
  await deps.store.appendAudit({ workItemId: item.id, actor: event.sender, action: `pushed to #${run.prNumber}`, detail: "approvals on earlier commits no longer count", commitSha: event.headSha, at: deps.clock.now() });
  await startGateWork(deps, github, item, pass, moved, event.headSha);
  await advanceGate(deps, github, item.id);
}
