import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Clock } from "../domain/clock.ts";
import { newJob } from "../scheduler/new-job.ts";
import { getInstallationState } from "../store/installations.ts";
import { enqueueJob } from "../store/jobs.ts";
import type { Sql } from "../store/sql.ts";

export interface SweepScheduleDeps {
  sql: Sql;
  clock: Clock;
  log: Logger;
  minutes: number;
  /** The installations of the app, as GitHub lists them. */
  installations: () => Promise<number[]>;
  wake: () => void;
}

export interface SweepSchedule {
  /** Queues a round for every installation now (tests, and an operator's "look again"). */
  sweepNow(): Promise<void>;
  stop(): void;
}

/**
 * Queues a `reconcile` job per installation at start-up and every `minutes`. A periodic round
 * is named after its period, so however many replicas queue it, one job runs (the queue keeps
 * the first of one dedupe key); the start-up round is this process's own.
 */
export function scheduleSweeps(deps: SweepScheduleDeps): SweepSchedule {
  const queueRound = async (round: string): Promise<void> => {
    const ids = await deps.installations();
    for (const installationId of ids) {
      if ((await getInstallationState(deps.sql, installationId)) !== "active") continue;
      await enqueueJob(deps.sql, { ...newJob("reconcile", { installationId, round, afterWorkItemId: 0 }, { dedupeKey: `sweep:${installationId}:${round}` }), runAt: deps.clock.now() });
    }
    deps.wake();
  };
  const queueLogged = (round: string) => {
    queueRound(round).catch((error: unknown) => deps.log.warn({ err: error, round }, "sweep: could not queue a round; the next period tries again"));
  };
  if (deps.minutes === 0) return { sweepNow: () => queueRound(`now-${randomUUID()}`), stop: () => undefined };
  const periodMs = deps.minutes * 60_000;
  queueLogged(`start-${randomUUID()}`);
  const timer = setInterval(() => queueLogged(`every-${deps.minutes}m-${Math.floor(deps.clock.now().getTime() / periodMs)}`), periodMs);
  timer.unref();
  return { sweepNow: () => queueRound(`now-${randomUUID()}`), stop: () => clearInterval(timer) };
}
