import type { Tier } from "../providers/types.ts";
import { decide, type Effect, type WorkItemEvent } from "../domain/work-item-state.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds } from "./jobs.ts";
import type { PassRunTrigger, WorkItemRecord } from "../domain/types.ts";
import type { Store } from "./store-port.ts";
import { lockKeyOf } from "./jobs.ts";

/** What the next iteration of a pass needs, when the decision queues one. */
export interface NextRun {
  trigger: PassRunTrigger;
  tier?: Tier | undefined;
  tierReason?: string | undefined;
  feedback?: string | undefined;
}

/** Effects performed on GitHub after the decision is stored (queueing happens inside it). */
export type GitHubEffect = Exclude<Effect, { kind: "enqueue_pass" }>;

/**
 * The one place a work item changes state: decides on the event, stores the new state, an audit
 * entry, and the run_pass job of any pass it queues, in one transaction (so a crash cannot lose
 * a queued pass), and returns the GitHub effects for the caller to perform.
 */
export async function applyDecision(
  deps: OrchestratorDeps,
  workItemId: number,
  event: WorkItemEvent,
  audit: { actor: string; action: string; detail?: string | null; commitSha?: string | null },
  nextRun: NextRun = { trigger: "first" },
  /** More writes that must happen with the decision or not at all. */
  alsoInTransaction?: (tx: Store) => Promise<void>,
): Promise<{ item: WorkItemRecord; effects: GitHubEffect[] }> {
  const result = await deps.store.transaction(async (tx) => {
    // Locked: a lifecycle stop runs outside the job lock, and must not be overwritten by a decision read before it.
    const current = await tx.lockWorkItem(workItemId);
    const decision = decide({ state: current.state, currentPass: current.currentPass, iteration: current.iteration, reason: current.stateReason, pausedFrom: current.pausedFrom }, event);
    const now = deps.clock.now();
    const item = await tx.updateWorkItem(
      workItemId,
      { state: decision.state, currentPass: decision.currentPass, iteration: decision.iteration, stateReason: decision.reason, pausedFrom: decision.pausedFrom },
      now,
    );
    await tx.appendAudit({ workItemId, actor: audit.actor, action: audit.action, detail: audit.detail ?? null, commitSha: audit.commitSha ?? null, at: now });
    await alsoInTransaction?.(tx);
    const effects: GitHubEffect[] = [];
    let queued = false;
    for (const effect of decision.effects) {
      if (effect.kind !== "enqueue_pass") {
        effects.push(effect);
        continue;
      }
      await queuePass(tx, item, effect.passId, effect.iteration, nextRun, now);
      queued = true;
    }
    return { item, effects, queued };
  });
  if (result.queued) deps.wake();
  return { item: result.item, effects: result.effects };
}

async function queuePass(tx: Store, item: WorkItemRecord, passId: string, iteration: number, nextRun: NextRun, now: Date): Promise<void> {
  const pass = item.definitions?.workflow.passes.find((candidate) => candidate.id === passId);
  if (!pass) throw new Error(`work item ${item.id} has no pinned pass ${passId}`);
  const previous = iteration > 1 ? await tx.findPassRun(item.id, passId, iteration - 1) : undefined;
  const run = await tx.queuePassRun({
    workItemId: item.id,
    passId,
    iteration,
    agent: pass.agent,
    trigger: iteration === 1 ? "first" : nextRun.trigger,
    tier: nextRun.tier ?? null,
    tierReason: nextRun.tierReason ?? null,
    feedback: nextRun.feedback ?? null,
    branch: previous?.branch ?? null,
    prNumber: previous?.prNumber ?? null,
  });
  if (previous && (previous.state === "awaiting_gate" || previous.state === "failed")) await tx.updatePassRun(previous.id, { state: "superseded" });
  const job = newJob(jobKinds.runPass, { workItemId: item.id, passId, iteration: run.iteration }, { lockKey: lockKeyOf(item) }, { workflow: item.definitions?.workflow });
  await tx.enqueueJob({ ...job, runAt: now });
}
