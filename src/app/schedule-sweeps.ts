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
  /** The start-up round queued (or failed, and logged); at once when the sweep is off. */
  started: Promise<void>;
  /** Queues a round for every installation now (tests, and an operator's "look again"). */
  sweepNow(): Promise<void>;
  stop(): void;
}

/** The name of the periodic round due at `now`: the same for every replica within one period. */
export function periodRound(now: Date, minutes: number): string {
  return `every-${minutes}m-${Math.floor(now.getTime() / (minutes * 60_000))}`;
}

/**
 * Queues a `reconcile` job for each active installation. The job's key is the installation and
 * the round, so however many replicas queue one round, one job runs (the queue keeps the first).
 */
export async function queueSweepRound(deps: Omit<SweepScheduleDeps, "minutes" | "log">, round: string): Promise<void> {
  for (const installationId of await deps.installations()) {
    if ((await getInstallationState(deps.sql, installationId)) !== "active") continue;
    await enqueueJob(deps.sql, { ...newJob("reconcile", { installationId, round, afterWorkItemId: 0 }, { dedupeKey: `sweep:${installationId}:${round}` }), runAt: deps.clock.now() });
  }
  deps.wake();
}

/** A round at start-up (this process's own) and one every `minutes` (shared by the replicas); 0 minutes: none. */
export function scheduleSweeps(deps: SweepScheduleDeps): SweepSchedule {
  const sweepNow = () => queueSweepRound(deps, `now-${randomUUID()}`);
  const queueLogged = (round: string): Promise<void> => queueSweepRound(deps, round).catch((error: unknown) => deps.log.warn({ err: error, round }, "sweep: could not queue a round; the next period tries again"));
  if (deps.minutes === 0) return { started: Promise.resolve(), sweepNow, stop: () => undefined };
  const started = queueLogged(`start-${randomUUID()}`);
  const timer = setInterval(() => void queueLogged(periodRound(deps.clock.now(), deps.minutes)), deps.minutes * 60_000);
  timer.unref();
  return { started, sweepNow, stop: () => clearInterval(timer) };
}
