import type { AgentResult } from "../agents/run-agent.ts";
import { WaitError } from "../scheduler/job-errors.ts";

/**
 * Every model of the tier is down for now (overloaded, rate limited, no answer in time): the job
 * waits and runs again later by itself, without spending an attempt, for as long as the wait
 * budget lasts (job-errors.ts `maxWaits`); the card shows the pause (report-waiting.ts).
 */
export function throwIfModelsDown(result: AgentResult<unknown>, tier: string): void {
  if (result.ok || result.retryAfterMs === undefined) return;
  const outage = result.outage ?? { vendors: [`the models of the ${tier} tier`], reasons: ["unavailable"] };
  throw new WaitError(outage.vendors.join(" and "), outage.reasons.join(", "), result.retryAfterMs, { cause: new Error(result.error) });
}
