import type { VersionedSnapshot } from "../../agents/workspace.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { CallContext } from "../model-calls.ts";
import { findReusableOutcome, outcomeKeyFor, reusePass } from "../pass-outcomes.ts";
import type { PreparedPass } from "./prepare-pass.ts";

/**
 * A first iteration whose inputs are what they were when this pass was last approved (a re-run
 * of the work item) reuses that outcome: no model call, no pull request. Returns whether it did.
 */
export async function reuseEarlierOutcome(deps: OrchestratorDeps, prepared: PreparedPass, callContext: CallContext, headSnapshot: VersionedSnapshot): Promise<boolean> {
  const { github, item, pass, run, agent, route, issue, artifacts, folder, head } = prepared;
  if (run.iteration !== 1) return false;
  const outcomeKey = outcomeKeyFor(agent, pass, route.tier, { title: issue.title, body: issue.body }, artifacts, folder);
  const found = await findReusableOutcome(deps, item, pass.id, outcomeKey, headSnapshot);
  if (found.reusable) {
    await reusePass(deps, github, { item, pass, run, headSha: head.sha, callContext }, found.reusable);
    return true;
  }
  if (found.why) await deps.store.appendAudit({ workItemId: item.id, actor: "pitwall", action: `pass ${pass.id} runs again`, detail: found.why, commitSha: head.sha, at: deps.clock.now() });
  await deps.store.updatePassRun(run.id, { outcomeKey });
  return false;
}
