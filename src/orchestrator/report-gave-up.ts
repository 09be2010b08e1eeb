import { verifierHolder } from "../domain/verifier-holder.ts";
import { z } from "zod";
import { neutraliseModelText } from "../domain/neutralise-model-text.ts";
import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { jobKinds, runPassPayload, runVerifierPayload, startWorkItemPayload } from "./jobs.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";

/**
 * A job ran out of attempts (GitHub or a model kept failing), or failed in a way no attempt can
 * mend (`permanent`: GitHub refused a field as invalid). Say so where people look — the work
 * item's card, or the issue — instead of leaving it silently stuck.
 */
export async function reportGaveUp(deps: OrchestratorDeps, kind: string, payload: unknown, failure: string, options: { permanent?: boolean } = {}): Promise<void> {
  // An error can carry what a model or its provider answered: data, like any model text.
  const error = neutraliseModelText(failure);
  const after = options.permanent ? "" : " after repeated errors";
  if (kind === jobKinds.runPass) {
    const job = runPassPayload.parse(payload);
    const item = await deps.store.getWorkItem(job.workItemId);
    // What the failed attempts reserved gives way to what they spent.
    const run = await deps.store.findPassRun(item.id, job.passId, job.iteration);
    if (run) await deps.store.settleReservation(run.id, deps.clock.now());
    if (item.currentPass !== job.passId || item.iteration !== job.iteration || !["queued", "rework", "running"].includes(item.state)) return;
    const reason = `pass ${job.passId} stopped${after}: ${error}`;
    await applyDecision(deps, item.id, { type: "pass_failed", passId: job.passId, reason }, { actor: "pitwall", action: `pass ${job.passId} failed`, detail: error });
    await refreshStatusCard(deps, await deps.githubFor(item.installationId), item.id);
  } else if (kind === jobKinds.command || kind === jobKinds.runCommands || kind === jobKinds.githubEvent || kind === jobKinds.runVerifier || kind === jobKinds.deployTimeLimit || kind === jobKinds.advanceGate) {
    // A command, an event about a pass PR or a verifier that kept failing: say so on the card.
    const workItemId = z.object({ workItemId: z.number().int() }).parse(payload).workItemId;
    const item = await deps.store.getWorkItem(workItemId);
    if (kind === jobKinds.runVerifier) {
      const verifierRun = await deps.store.getVerifierRun(runVerifierPayload.parse(payload).verifierRunId);
      await deps.store.settleReservation(verifierRun.passRunId, deps.clock.now(), verifierHolder(verifierRun.id));
    }
    const what =
      kind === jobKinds.command || kind === jobKinds.runCommands
        ? "a command"
        : kind === jobKinds.runVerifier
          ? "a verifier"
          : kind === jobKinds.deployTimeLimit
            ? "the deployment's time limit"
            : kind === jobKinds.advanceGate
              ? "a look at the gate"
              : "an update from GitHub";
    await refreshStatusCard(deps, await deps.githubFor(item.installationId), item.id, `Pitwall could not handle ${what}${after}: ${error}. \`/status\` shows the current state; repeat the command or \`/retry\` if it mattered.`);
  } else if (kind === jobKinds.startWorkItem) {
    const job = startWorkItemPayload.parse(payload);
    const github = await deps.githubFor(job.installationId);
    await github.postComment({ owner: job.owner, repo: job.repo }, job.issueNumber, `🏁 Pitwall could not start the work item${after}: ${error}\n\nRemove and re-add the \`${job.label}\` label to try again.`);
  }
}
