import type { OrchestratorDeps } from "../deps.ts";
import type { CallContext } from "../model-calls.ts";
import { guardSpending, type SpendGuard } from "../spend-guard.ts";
import type { PreparedPass } from "./prepare-pass.ts";

/** How the pass's model calls are held and recorded. */
export interface PassSpending {
  guard: SpendGuard;
  callContext: CallContext;
}

/** Every model call is held to the pass's reservation, grown call by call while the budgets have room. */
export async function guardPassSpending(deps: OrchestratorDeps, prepared: PreparedPass): Promise<PassSpending> {
  const { item, pass, run, agent, route } = prepared;
  const guard = await guardSpending(deps, item, { passRunId: run.id, holder: "pass", approvalKey: `${pass.id}:${run.iteration}`, prices: route.prices });
  const callContext = { workItemId: item.id, passRunId: run.id, iteration: run.iteration, agent: agent.name, tier: route.tier, tierReason: route.reason, prices: route.prices, reservationId: guard.reservationId };
  return { guard, callContext };
}
