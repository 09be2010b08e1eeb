import { InvalidTransitionError } from "../domain/work-item-state.ts";
import type { WorkItemRecord } from "../domain/types.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { InstallationUnavailableError } from "./installation-unavailable-error.ts";
import type { RunPassPayload } from "./jobs.ts";
import { WorkItemStopped } from "./work-item-fence.ts";
import { assemblePassContext } from "./pass/assemble-pass-context.ts";
import { failPass } from "./pass/fail-pass.ts";
import { guardPassSpending } from "./pass/guard-pass-spending.ts";
import { openGate } from "./pass/open-gate.ts";
import { preparePass } from "./pass/prepare-pass.ts";
import { publishPass } from "./pass/publish-pass.ts";
import { resumeOpenedPass } from "./pass/resume-opened-pass.ts";
import { reuseEarlierOutcome } from "./pass/reuse-earlier-outcome.ts";
import { runPassAgent } from "./pass/run-pass-agent.ts";

/**
 * Runs one iteration of a pass: its agent through the provider layer, then one commit with its
 * artifacts (and code, for implementers) on `pitwall/<issue>/<pass>`, the pull request, the
 * deployment or verifiers the pass needs, the cost summary, and a first look at the gate.
 */
export async function runPass(deps: OrchestratorDeps, job: RunPassPayload): Promise<void> {
  const start = await deps.store.getWorkItem(job.workItemId);
  try {
    await runPassIteration(deps, job, start);
  } catch (error) {
    const item = await deps.store.getWorkItem(job.workItemId);
    // A decision refused because a stop landed first is that stop too.
    const stopped = error instanceof WorkItemStopped || (error instanceof InvalidTransitionError && item.stopEpoch !== start.stopEpoch);
    if (!stopped && !(error instanceof InstallationUnavailableError)) throw error;
    // What it reserved gives way to what it spent, and its run waits to be dispatched again
    // (held) or ends (cancelled).
    const run = await deps.store.findPassRun(job.workItemId, job.passId, job.iteration);
    if (run) {
      await deps.store.settleReservation(run.id, deps.clock.now());
      if (run.state === "running") await deps.store.updatePassRun(run.id, item.state === "cancelled" ? { state: "closed", finishedAt: deps.clock.now() } : { state: "queued" });
    }
    if (!stopped) throw error;
    deps.log.info({ workItemId: job.workItemId, passId: job.passId, iteration: job.iteration, reason: error instanceof Error ? error.message : String(error) }, "pass stopped: the work item was stopped while it ran");
  }
}

/** The steps of one pass iteration; each returns what the next needs, or nothing when the pass stops there. */
async function runPassIteration(deps: OrchestratorDeps, job: RunPassPayload, start: WorkItemRecord): Promise<void> {
  if (await resumeOpenedPass(deps, job, start)) return;
  const prepared = await preparePass(deps, job, start);
  if (!prepared) return;
  const spending = await guardPassSpending(deps, prepared);
  // The default branch's head, read lazily (its tree is fetched once, for the lookup and the run).
  const headSnapshot = prepared.github.repoSnapshot(prepared.repo, prepared.head.sha);
  if (await reuseEarlierOutcome(deps, prepared, spending.callContext, headSnapshot)) return;
  const { route } = prepared;
  if (route.candidates.length === 0) {
    await spending.guard.settle();
    await failPass(deps, prepared, `no configured provider serves the ${route.tier} tier (${route.models.join(", ")}); configure one of them or change \`tiers\` in .github/pitwall.yml`);
    return;
  }
  const context = await assemblePassContext(deps, prepared, headSnapshot);
  const outcome = await runPassAgent(deps, prepared, spending, context);
  if (!outcome) return;
  const published = await publishPass(deps, prepared, context, outcome);
  await openGate(deps, prepared, published);
}
