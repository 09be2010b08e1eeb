import type { Probot } from "probot";
import type { Logger } from "pino";
import type { Clock } from "../domain/clock.ts";
import type { GitHubPort } from "../orchestrator/github-port.ts";
import type { ReconcilePayload } from "../scheduler/job-payloads.ts";
import type { Sql } from "../store/sql.ts";
import { readSweepSettings } from "./read-sweep-settings.ts";
import { reconcileInstallation } from "./reconcile-installation.ts";
import { scheduleSweeps, type SweepSchedule } from "./schedule-sweeps.ts";

/** A round that ran out of GitHub calls continues this much later. */
const continueAfterMs = 2 * 60_000;

export interface Sweeps {
  /** The `reconcile` job's handler: ready before the worker starts, which may claim one at once. */
  reconcile(payload: ReconcilePayload): Promise<void>;
  /** Queues a round now and one every period; call once the webhooks are subscribed. */
  schedule(): SweepSchedule;
}

/**
 * The reconciliation sweep (README "Catching up on lost webhooks"), set up from PITWALL_SWEEP_*.
 * Its handler exists before the worker claims jobs; its rounds start only with `schedule()`.
 */
export function startSweeps(app: Probot, deps: { sql: Sql; clock: Clock; log: Logger; githubFor: (installationId: number) => Promise<GitHubPort>; wake: () => void; ownLogin: () => Promise<string>; minutes?: number | undefined }): Sweeps {
  const { settings: read, problems } = readSweepSettings(process.env);
  const settings = deps.minutes === undefined ? read : { ...read, minutes: deps.minutes };
  for (const problem of problems) deps.log.warn(problem);
  const installations = async (): Promise<number[]> => {
    const gh = await app.auth();
    const listed = await gh.paginate(gh.rest.apps.listInstallations, { per_page: 100 });
    return listed.map((installation) => installation.id);
  };
  return {
    schedule: () => scheduleSweeps({ sql: deps.sql, clock: deps.clock, log: deps.log, minutes: settings.minutes, installations, wake: deps.wake }),
    reconcile: (payload) => reconcileInstallation({ sql: deps.sql, githubFor: deps.githubFor, clock: deps.clock, log: deps.log, callsPerRound: settings.callsPerRound, continueAfterMs, wake: deps.wake, ownLogin: deps.ownLogin }, payload),
  };
}
