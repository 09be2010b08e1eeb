import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Probot } from "probot";
import { readDefinitionFiles } from "../definitions/read-definition-files.ts";
import type { BundledDefinitions } from "../definitions/resolve-definitions.ts";
import { reportGaveUp, type EngineDeps } from "../orchestrator/index.ts";
import { engineHandlers } from "./engine-handlers.ts";
import { createGitHubPort } from "../github/create-github-port.ts";
import type { GitHubPort, OwnApp } from "../orchestrator/github-port.ts";
import { normaliseGitHubErrors } from "../github/normalise-github-errors.ts";
import { redactWrites } from "../github/redact-writes.ts";
import { createProviders } from "../providers/create-providers.ts";
import type { ModelProvider, ProviderName } from "../providers/types.ts";
import { startWorker, type Clock, type Worker } from "../scheduler/worker.ts";
import { NonRetryableError } from "../scheduler/job-errors.ts";
import { jobHandlers } from "../scheduler/job-handlers.ts";
import type { JobRequest } from "../scheduler/new-job.ts";
import { claimJob, completeJob, enqueueJob, failJob, renewLease } from "../store/jobs.ts";
import { openStore } from "../store/open-store.ts";
import { createStore } from "../store/create-store.ts";
import type { Sql } from "../store/sql.ts";
import { acceptDelivery, commentJob, definitionsLintJob, editedCommentJob, labeledJob, ordinaryGateJob, passEventJob, type CommentPayload, type LabeledPayload, type PassEventDelivery } from "./inbox.ts";
import { readPitwallEnv, type PitwallEnv } from "./read-pitwall-env.ts";
import { installationJob, issueLifecycleJob, type InstallationPayload } from "./lifecycle-job.ts";
import { getInstallationState } from "../store/installations.ts";
import { InstallationUnavailableError } from "../orchestrator/installation-unavailable-error.ts";
import { costRoute } from "./cost-route.ts";
import { installWebhookGuard } from "./install-webhook-guard.ts";
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
  /** Probot's way to add HTTP routes (from the app function's options). */
  addHandler?: (handler: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>) => void;
}

export interface PitwallRuntime {
  sql: Sql;
  worker: Worker;
  stop(): Promise<void>;
}

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
const systemClock: Clock = { now: () => new Date() };

/** Wires Pitwall into a Probot app: webhooks → inbox → queue → worker → engine. */
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

  // The app's own identity (`GET /app`), asked of GitHub once.
  let own: Promise<OwnApp> | undefined;
  const ownApp = () =>
    (own ??= app.auth().then(async (gh) => {
      const { data } = await gh.rest.apps.getAuthenticated();
      if (!data) throw new Error("GitHub did not say which app this is (GET /app)");
      return { id: data.id, login: `${data.slug ?? ""}[bot]` };
    })).catch((error: unknown) => {
      own = undefined;
      throw error;
    });
  const deps: EngineDeps = {
    store: createStore(sql),
    ownApp,
    githubFor: async (installationId): Promise<GitHubPort> => {
      // A suspended or uninstalled installation runs no job: no retry would help.
      const state = await getInstallationState(sql, installationId);
      if (state !== "active") throw new InstallationUnavailableError(installationId, `it was ${state === "deleted" ? "uninstalled" : "suspended"}`);
      // Every write passes the secret scanner at this edge (README "What is redacted where").
      return createGitHubPort(redactWrites(normaliseGitHubErrors(await app.auth(installationId), installationId)));
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
  const worker: Worker = startWorker({
    queue: {
      claim: (workerId, now) => claimJob(sql, workerId, now, jobLeaseMs),
      complete: (id, now) => completeJob(sql, id, now),
      fail: (id, error, retryAt, now) => failJob(sql, id, error, retryAt, now),
      renew: async (id, workerId, now) => void (await renewLease(sql, id, workerId, new Date(now.getTime() + jobLeaseMs))),
    },
    renewEveryMs: jobLeaseMs / 5,
    // Each handler gets its payload parsed with its kind's schema (scheduler/job-catalogue.ts).
    handlers: jobHandlers(engineHandlers(deps)),
    clock,
    log,
    workerId: `pitwall-${process.pid}-${randomUUID().slice(0, 8)}`,
    concurrency: env.concurrency,
    pollMs: options.pollMs ?? 2_000,
    // Nothing can be said on GitHub for a gone installation; the audit trail has the stop.
    onGaveUp: (job, error) =>
      error instanceof InstallationUnavailableError ? Promise.resolve() : reportGaveUp(deps, job.kind, job.payload, error instanceof Error ? error.message : String(error), { permanent: error instanceof NonRetryableError }),
  });

  options.addHandler?.(costRoute(sql, env.dashboardToken, clock));

  // The guard has verified the signature before these run; they only record and enqueue.
  const accept = async (context: { id: string; name: string; payload: unknown }, toJob: (tx: Sql) => Promise<JobRequest | undefined>) => {
    const result = await acceptDelivery(sql, { id: context.id, name: context.name, payload: context.payload, receivedAt: clock.now() }, toJob);
    log.info({ deliveryId: context.id, event: context.name, result }, "webhook accepted");
    if (result === "enqueued") worker.wake();
  };
  app.on("issues.labeled", (context) => accept(context, () => Promise.resolve(labeledJob(context.id, context.payload as LabeledPayload))));
  app.on("issue_comment.created", (context) => accept(context, (tx) => commentJob(tx, context.id, context.payload as CommentPayload)));
  app.on("issue_comment.edited", (context) => accept(context, (tx) => editedCommentJob(tx, context.id, context.payload as CommentPayload)));
  // Any pull request that changes definitions gets pitwall/definitions, and any that is not a pass
  // PR a passing pitwall/gate. The delivery is recorded by the pass-event handler below when it is
  // about a pass PR, so this one only enqueues (each job is deduplicated per head).
  app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], async (context) => {
    const jobs = [definitionsLintJob(context.id, context.payload), ordinaryGateJob(context.payload)].filter((job) => job !== undefined);
    if (jobs.length === 0) return;
    for (const job of jobs) await enqueueJob(sql, { ...job, runAt: clock.now() });
    worker.wake();
  });
  // Reviews, the repo's CI, deployments, pushes and merges on pass PRs move gates.
  app.on(["pull_request_review.submitted", "check_run.completed", "check_run.rerequested", "check_run.requested_action", "status", "deployment_status.created", "pull_request.synchronize", "pull_request.closed"], (context) =>
    accept(context, (tx) => passEventJob(tx, context.id, { name: context.name, payload: context.payload } as PassEventDelivery)),
  );

  // A work item follows its issue and its installation (README: "A work item follows its issue").
  // The app's own login (`<slug>[bot]`), asked of GitHub the first time a bot closes an issue.
  const appLogin = async () => (await ownApp()).login;
  app.on(["issues.unlabeled", "issues.closed", "issues.reopened", "issues.transferred", "issues.deleted"], async (context) => {
    const own = context.payload.action === "closed" && context.payload.sender.type === "Bot" ? await appLogin() : undefined;
    await accept(context, (tx) => issueLifecycleJob(tx, context.id, context.payload, own));
  });
  app.on(["installation", "installation_repositories"], (context) => accept(context, (tx) => installationJob(tx, context.id, context.name, context.payload as InstallationPayload, clock.now())));

  return {
    sql,
    worker,
    async stop() {
      await worker.stop();
      if (!options.sql) await sql.close();
    },
  };
}
