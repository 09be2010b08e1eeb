import type { Logger } from "pino";
import type { Clock } from "../domain/clock.ts";
import type { GitHubPort } from "../orchestrator/github-port.ts";
import type { ReconcilePayload } from "../scheduler/job-payloads.ts";
import { newJob } from "../scheduler/new-job.ts";
import { enqueueJob } from "../store/jobs.ts";
import type { Sql } from "../store/sql.ts";
import { listLiveWorkItems } from "../store/work-items.ts";
import { WaitError } from "../scheduler/job-errors.ts";
import { reconcileLabels } from "./reconcile-labels.ts";
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
 * starting label and no work item. A round that runs out of calls stops and queues its own
 * continuation after the last work item it finished; one item GitHub will not show (deleted,
 * moved) is logged and skipped, not the whole round.
 */
export async function reconcileInstallation(deps: ReconcileDeps, payload: ReconcilePayload): Promise<void> {
  const github = await deps.githubFor(payload.installationId);
  const ctx: SweepContext = { sql: deps.sql, github, installationId: payload.installationId, budget: new SweepBudget(deps.callsPerRound, () => github.rateLimitLeft()), log: deps.log, now: deps.clock.now(), ownLogin: deps.ownLogin };
  const items = (await listLiveWorkItems(deps.sql, payload.installationId)).filter((item) => item.id > payload.afterWorkItemId);
  let done = payload.afterWorkItemId;
  try {
    for (const item of items) {
      await reconcileWorkItem(ctx, item).catch((error: unknown) => {
        if (error instanceof SweepBudgetSpent || error instanceof WaitError) throw error;
        deps.log.warn({ workItemId: item.id, err: error }, "sweep: could not compare the work item with GitHub; the next round tries again");
      });
      done = item.id;
    }
    await reconcileLabels(ctx);
  } catch (error) {
    if (!(error instanceof SweepBudgetSpent || error instanceof WaitError)) throw error;
    const { installationId, round } = payload;
    deps.log.info({ installationId, round, afterWorkItemId: done }, "sweep: out of GitHub calls for this round; continuing later");
    // GitHub's rate limit is waited out like a spent budget: no more calls this round.
    const runAt = new Date(ctx.now.getTime() + Math.max(deps.continueAfterMs, error instanceof WaitError ? error.retryAfterMs : 0));
    await enqueueJob(deps.sql, { ...newJob("reconcile", { installationId, round, afterWorkItemId: done }, { dedupeKey: `sweep:${installationId}:${round}:after:${done}` }), runAt });
    deps.wake();
  }
}
