import { advanceGate } from "../gate/advance-gate.ts";
import type { EventContext, PassPrEvent } from "./event-context.ts";

/** The repo's CI reported on the pass PR's head: the gate may be met now. */
export async function ciReported({ deps, github, gate }: EventContext, event: PassPrEvent<"ci_reported">): Promise<void> {
  if (event.sha !== gate.run.headSha) return;
  await advanceGate(deps, github, gate.item.id);
}
