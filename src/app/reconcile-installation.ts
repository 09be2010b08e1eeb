import type { Logger } from "pino";
import type { Clock } from "../domain/clock.ts";
import type { GitHubPort } from "../orchestrator/github-port.ts";
import type { ReconcilePayload } from "../scheduler/job-payloads.ts";
import { newJob } from "../scheduler/new-job.ts";
import { enqueueJob } from "../store/jobs.ts";
import type { Sql } from "../store/sql.ts";
import { listLiveWorkItems } from "../store/work-items.ts";
import { WaitError } from "../scheduler/job-errors.ts";
import { reconcileLabels, type LabelPassPosition } from "./reconcile-labels.ts";
import { reconcileWorkItem } from "./reconcile-work-item.ts";
import { SweepBudget, SweepBudgetSpent } from "./sweep-budget.ts";
import type { SweepContext } from "./sweep-context.ts";

export interface ReconcileDeps {
  sql: Sql;
  githubFor: (installationId: number) => Promise<GitHubPort>;
  clock: Clock;
  log: Logger;
  /** The GitHub calls one round may make per installation. */
  callsPerRound: number;
  /** How long a round that ran out of calls waits before it continues. */
  continueAfterMs: number;
  wake: () => void;
  ownLogin: () => Promise<string>;
}

/**
 * One round of the sweep for one installation: each open work item in turn, then issues with a
 * starting label and no work item. A round that runs out of calls, or that GitHub's rate limit
 * stops, queues its own continuation from where it got to (the last work item, or the label pass's
 * place); one item GitHub will not show (deleted, moved) is logged and skipped, not the whole round.
 */
export async function reconcileInstallation(deps: ReconcileDeps, payload: ReconcilePayload): Promise<void> {
  const github = await deps.githubFor(payload.installationId);
  const ctx: SweepContext = { sql: deps.sql, github, installationId: payload.installationId, budget: new SweepBudget(deps.callsPerRound, () => github.rateLimitLeft()), log: deps.log, now: deps.clock.now(), ownLogin: deps.ownLogin };
  let done = payload.afterWorkItemId;
  const labels: LabelPassPosition | undefined = payload.labelsFrom && { repo: payload.labelsFrom.repo, doneIssues: [...payload.labelsFrom.doneIssues] };
  const position = labels ?? { repo: 0, doneIssues: [] };
  let labelPass = labels !== undefined;
  try {
    if (!labelPass) {
      for (const item of (await listLiveWorkItems(deps.sql, payload.installationId)).filter((live) => live.id > payload.afterWorkItemId)) {
        await reconcileWorkItem(ctx, item).catch((error: unknown) => {
          if (error instanceof SweepBudgetSpent || error instanceof WaitError) throw error;
          deps.log.warn({ workItemId: item.id, err: error }, "sweep: could not compare the work item with GitHub; the next round tries again");
        });
        done = item.id;
      }
      labelPass = true;
    }
    await reconcileLabels(ctx, position);
  } catch (error) {
    if (!(error instanceof SweepBudgetSpent || error instanceof WaitError)) throw error;
    // GitHub's rate limit is waited out like a spent budget: no more calls this round.
    const waitMs = Math.max(deps.continueAfterMs, error instanceof WaitError ? error.retryAfterMs : 0);
    const queued = await continueRound(deps, payload, { afterWorkItemId: done, labelsFrom: labelPass ? position : undefined }, new Date(ctx.now.getTime() + waitMs));
    // No step forward before the rate limit: this job itself waits it out and tries the same place again.
    if (!queued && error instanceof WaitError) throw error;
    if (!queued) deps.log.warn({ installationId: payload.installationId, round: payload.round }, "sweep: out of GitHub calls again at the same place; this round stops, the next round starts over");
  }
}

/** Queues the round's continuation; one that made no progress has the same key and is not queued again. */
async function continueRound(deps: ReconcileDeps, payload: ReconcilePayload, from: Pick<ReconcilePayload, "afterWorkItemId" | "labelsFrom">, runAt: Date): Promise<boolean> {
  const { installationId, round } = payload;
  const at = from.labelsFrom ? `${from.afterWorkItemId}:labels:${from.labelsFrom.repo}:${from.labelsFrom.doneIssues.length}` : `${from.afterWorkItemId}`;
  const next: ReconcilePayload = from.labelsFrom ? { installationId, round, afterWorkItemId: from.afterWorkItemId, labelsFrom: from.labelsFrom } : { installationId, round, afterWorkItemId: from.afterWorkItemId };
  const queued = await enqueueJob(deps.sql, { ...newJob("reconcile", next, { dedupeKey: `sweep:${installationId}:${round}:after:${at}` }), runAt });
  if (queued === undefined) return false;
  deps.log.info({ installationId, round, from: at, runAt }, "sweep: out of GitHub calls for this round; continuing later");
  deps.wake();
  return true;
}
