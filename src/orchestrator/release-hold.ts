import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { ReleaseHoldPayload } from "./jobs.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import { runWaitingVerifiers } from "./run-waiting-verifiers.ts";

/**
 * A lifecycle hold is released (the label re-added, the installation unsuspended, the repository
 * added back): a work item the hold paused resumes where it was; one that was already paused
 * (`/pause`, a budget) stays paused.
 */
export async function releaseHold(deps: OrchestratorDeps, job: ReleaseHoldPayload): Promise<void> {
  const item = await deps.store.getWorkItem(job.workItemId);
  if (item.hold !== job.hold) {
    deps.log.info({ workItemId: item.id, hold: item.hold, released: job.hold }, "no such hold on the work item; release ignored");
    return;
  }
  const github = await deps.githubFor(item.installationId);
  const detail = `${job.hold.replace("_", " ")} no longer holds it`;
  const clear = (tx: typeof deps.store) => tx.updateWorkItem(item.id, { hold: null, holdPaused: false }, deps.clock.now()).then(() => undefined);
  if (!(item.holdPaused && item.state === "paused")) {
    await deps.store.transaction(async (tx) => {
      await clear(tx);
      await tx.appendAudit({ workItemId: item.id, actor: job.actor, action: "hold released", detail, commitSha: null, at: deps.clock.now() });
    });
    await refreshStatusCard(deps, github, item.id);
  } else {
    const { item: resumed, effects } = await applyDecision(deps, item.id, { type: "resume_requested" }, { actor: job.actor, action: "resumed", detail }, undefined, clear);
    await refreshStatusCard(deps, github, resumed.id);
    await performEffects(deps, github, resumed, effects);
  }
  await runWaitingVerifiers(deps, item.id);
}
