import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import type { Probot } from "probot";
import { readDefinitionFiles } from "../definitions/read-definition-files.ts";
import type { BundledDefinitions } from "../definitions/resolve-definitions.ts";
import { reportGaveUp, type OrchestratorDeps } from "../orchestrator/index.ts";
import { reportWaiting } from "../orchestrator/report-waiting.ts";
import { waitingQueue } from "../store/wait-job.ts";
import { createGitHubPort } from "../github/create-github-port.ts";
import type { GitHubPort } from "../orchestrator/github-port.ts";
import { normaliseGitHubErrors } from "../github/normalise-github-errors.ts";
import { redactWrites } from "../github/redact-writes.ts";
import { createProviders } from "../providers/create-providers.ts";
import type { ModelProvider, ProviderName } from "../providers/types.ts";
import type { Clock } from "../domain/clock.ts";
import { startWorker, type Worker } from "../scheduler/worker.ts";
import { NonRetryableError } from "../scheduler/job-errors.ts";
import { enqueueJob } from "../store/jobs.ts";
import { storeJobQueue } from "./store-job-queue.ts";
import { readPidScope } from "../store/read-pid-scope.ts";
import { startQueueUpkeep } from "./start-queue-upkeep.ts";
import { openStore } from "../store/open-store.ts";
import { createStore } from "../store/create-store.ts";
import type { Sql } from "../store/sql.ts";
import { readPitwallEnv, type PitwallEnv } from "./read-pitwall-env.ts";
import { getInstallationState } from "../store/installations.ts";
import { InstallationUnavailableError } from "../orchestrator/installation-unavailable-error.ts";
import { askOnceForOwnApp } from "./ask-once-for-own-app.ts";
import { costRoute } from "./cost-route.ts";
import { orchestratorJobHandlers } from "./orchestrator-job-handlers.ts";
import { installWebhookGuard } from "./install-webhook-guard.ts";
import { subscribeWebhooks } from "./subscribe-webhooks.ts";
import { startSweeps } from "./start-sweeps.ts";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface PitwallOptions {
  env?: PitwallEnv;
  /** An open database (tests and the demo pass in-memory PGlite); otherwise opened from `env`. */
  sql?: Sql;
  providers?: ReadonlyMap<ProviderName, ModelProvider>;
  clock?: Clock;
  /** Where the bundled `workflows/` and `agents/` live; defaults to the package root. */
  definitionsRoot?: string;
  pollMs?: number;
  /** Minutes between sweeps for lost webhooks, instead of PITWALL_SWEEP_MINUTES (0: none, start-up round included). */
  sweepMinutes?: number;
  /** Probot's way to add HTTP routes (from the app function's options). */
  addHandler?: (handler: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>) => void;
}

export interface PitwallRuntime {
  sql: Sql;
  worker: Worker;
  /** Queues a reconciliation round for every installation now (README "Catching up on lost webhooks"). */
  sweep(): Promise<void>;
  /** Stops the worker (with `graceMs`, running jobs are handed back after it), then closes a store it opened. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
const systemClock: Clock = { now: () => new Date() };

/** Wires Pitwall into a Probot app: webhooks → inbox → queue → worker → orchestrator. */
/** A job whose worker stops renewing this lease (it died) is taken back by another worker. */
const jobLeaseMs = 10 * 60_000;

export async function startPitwall(app: Probot, options: PitwallOptions = {}): Promise<PitwallRuntime> {
  const env = options.env ?? readPitwallEnv();
  // Bodies are refused over 25 MB and verified as they arrive, before Probot sees a delivery.
  await installWebhookGuard(app, env.webhookSecret);
  const clock = options.clock ?? systemClock;
  const root = options.definitionsRoot ?? packageRoot;
  const bundled: BundledDefinitions = { workflowFiles: await readDefinitionFiles(root, "workflows"), agentFiles: await readDefinitionFiles(root, "agents") };
  const providers = options.providers ?? createProviders(env.providers);
  const sql = options.sql ?? (await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir }));
  const log = app.log.child({ name: "pitwall" });

  const ownApp = askOnceForOwnApp(app);
  const deps: OrchestratorDeps = {
    store: createStore(sql),
    ownApp,
    githubFor: async (installationId): Promise<GitHubPort> => {
      // A suspended or uninstalled installation runs no job: no retry would help.
      const state = await getInstallationState(sql, installationId);
      if (state !== "active") throw new InstallationUnavailableError(installationId, `it was ${state === "deleted" ? "uninstalled" : "suspended"}`);
      // Every write passes the secret scanner at this edge (README "What is redacted where").
      return createGitHubPort(redactWrites(normaliseGitHubErrors(await app.auth(installationId), installationId, () => clock.now())));
    },
    providers,
    bundled,
    clock,
    log,
    enqueue: async (job) => {
      await enqueueJob(sql, { ...job, runAt: job.runAt ?? clock.now() });
      worker.wake();
    },
    wake: () => worker.wake(),
  };
  const workerId = `pitwall-${process.pid}-${randomUUID().slice(0, 8)}`;
  const upkeep = await startQueueUpkeep(sql, { workerId, replica: { id: env.replicaId ?? hostname(), pid: process.pid, scope: readPidScope() }, log, clock });
  // Before the worker: it may claim a `reconcile` job (queued by another replica) as soon as it starts.
  const sweeps = startSweeps(app, { sql, clock, log, githubFor: (installationId) => deps.githubFor(installationId), wake: () => worker.wake(), ownLogin: async () => (await ownApp()).login, minutes: options.sweepMinutes });
  const worker: Worker = startWorker({
    queue: { ...storeJobQueue(sql, jobLeaseMs), ...waitingQueue(sql, clock) },
    renewEveryMs: jobLeaseMs / 5,
    handlers: orchestratorJobHandlers(deps, (payload) => sweeps.reconcile(payload)),
    clock,
    log,
    workerId,
    concurrency: env.concurrency,
    pollMs: options.pollMs ?? 2_000,
    // Nothing can be said on GitHub for a gone installation; the audit trail has the stop.
    onGaveUp: (job, error) =>
      error instanceof InstallationUnavailableError ? Promise.resolve() : reportGaveUp(deps, job.kind, job.payload, error instanceof Error ? error.message : String(error), { permanent: error instanceof NonRetryableError }),
    onWait: (job, error, nextTryAt) => reportWaiting(deps, job.kind, job.payload, { waitingFor: error.waitingFor, reason: error.reason, nextTryAt }),
  });

  await upkeep.listen(() => worker.wake());

  options.addHandler?.(costRoute(sql, env.dashboardToken, clock));

  subscribeWebhooks(app, { sql, clock, log, ownApp, wake: () => worker.wake() });
  // After the webhooks are subscribed: a round at start-up, then one every PITWALL_SWEEP_MINUTES.
  const sweepSchedule = sweeps.schedule();

  return {
    sql,
    worker,
    sweep: () => sweepSchedule.sweepNow(),
    async stop(stopOptions) {
      sweepSchedule.stop();
      await worker.stop(stopOptions);
      await upkeep.stop();
      if (!options.sql) await sql.close();
    },
  };
}
