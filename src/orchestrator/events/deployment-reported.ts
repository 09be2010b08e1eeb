import { deploymentStateAfter } from "../../domain/deploy-time-limit.ts";
import { advanceGate } from "../gate/advance-gate.ts";
import type { EventContext, PassPrEvent } from "./event-context.ts";

/** A deployment of the pass PR's head reported its state: the gate may be met now. */
export async function deploymentReported({ deps, github, gate }: EventContext, event: PassPrEvent<"deployment_status">): Promise<void> {
  const { item, pass, run } = gate;
  if (event.deploymentId !== run.deploymentId) return;
  await deps.store.updatePassRun(run.id, { deploymentState: deploymentStateAfter(run.deploymentState, event.state), deploymentUrl: event.url });
  await deps.store.appendAudit({ workItemId: item.id, actor: "github", action: `deployment ${event.state}`, detail: `${pass.deploy?.environment ?? "?"} for ${pass.id}`, commitSha: run.headSha, at: deps.clock.now() });
  await advanceGate(deps, github, item.id);
}
