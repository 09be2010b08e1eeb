import { generateKeyPairSync } from "node:crypto";
import type { Sql } from "../../src/store/sql.ts";
import { startFakeGitHub, type FakeGitHub } from "../github/index.ts";
import { startFakeAnthropic, startFakeOpenAI, type FakeModelServer } from "../models/index.ts";
import { freePort } from "../free-port.ts";
import { scriptedAgentReply } from "../scripted-agents.ts";
import { startBalancer, type Balancer } from "./start-balancer.ts";
import { installJobRunObserver, jobRunFigures, readJobRuns, type JobRunFigures, type Kill } from "./job-run-observer.ts";
import { spawnReplica, type ReplicaProcess } from "./spawn-replica.ts";

// The multi-replica wind tunnel: one fake GitHub and the fake model vendors in this process; N
// Pitwall replicas as separate OS processes (windtunnel/replicas/replica-main.ts) sharing one
// fresh PostgreSQL database; the fake GitHub's webhooks go through a round-robin load balancer.

export interface ReplicasOptions {
  /** How many replicas (2 or 3 keep a shared 2-core machine usable). */
  count: number;
  /** A PostgreSQL server whose role may create databases (PITWALL_TEST_DATABASE_URL). */
  postgresServerUrl: string;
  /** Jobs each replica runs at once (PITWALL_CONCURRENCY); 2 by default. */
  concurrency?: number;
  /** The replicas' LOG_LEVEL; `info` by default (`debug` to look for secrets in every line). */
  logLevel?: "silent" | "error" | "warn" | "info" | "debug";
  /** More settings for every replica (a later lease or sweep setting). */
  env?: Record<string, string>;
}

export interface Replica {
  index: number;
  /** The live process's pid, or undefined while it is down. */
  pid: number | undefined;
  url: string;
  /** Every line it wrote, across restarts. */
  lines: string[];
}

export interface SettleOptions {
  /** Give up after this long (a job held by a dead replica waits out its lease). */
  timeoutMs?: number;
}

export interface Replicas {
  github: FakeGitHub;
  anthropic: FakeModelServer;
  openai: FakeModelServer;
  balancer: Balancer;
  replicas: Replica[];
  /** The test's own connection to the shared database. */
  sql: Sql;
  databaseName: string;
  appId: number;
  installationId: number;
  webhookSecret: string;
  /** Kills a replica (SIGKILL by default: no clean-up) and waits until it is gone. */
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped replica again, on the same port with the same settings. */
  restart(index: number): Promise<void>;
  /** Waits until no delivery is in flight and no job is unfinished in the shared database; throws with what is left after `timeoutMs`. */
  settle(options?: SettleOptions): Promise<void>;
  /** Jobs run twice at once, jobs of one work item run at once, and dead replicas' jobs taken back, so far. */
  jobRunFigures(): Promise<JobRunFigures>;
  /** Every line of every replica. */
  logLines(): string[];
  close(): Promise<void>;
}

export async function startReplicas(options: ReplicasOptions): Promise<Replicas> {
  const appId = 4242;
  const installationId = 777;
  const webhookSecret = "wind-tunnel-secret";
  const [{ createScratchDatabase }, { openStore }] = await Promise.all([import("../../src/store/create-scratch-database.ts"), import("../../src/store/open-store.ts")]);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  const github = await startFakeGitHub({ webhookSecret, app: { id: appId, slug: "pitwall", publicKeyPem: publicKey } });
  const [anthropic, openai, balancer] = await Promise.all([startFakeAnthropic(), startFakeOpenAI(), startBalancer()]);
  anthropic.setResponder(scriptedAgentReply);
  openai.setResponder(scriptedAgentReply);
  const scratch = await createScratchDatabase(options.postgresServerUrl, "pitwall_tunnel");
  // Migrated here, once, before any replica starts; then the observer's trigger goes on `jobs`.
  const sql = await openStore({ databaseUrl: scratch.url });
  await installJobRunObserver(sql);

  const kills: Kill[] = [];
  const replicas: Replica[] = [];
  const processes: (ReplicaProcess | undefined)[] = [];
  const envOf = async (index: number): Promise<Record<string, string>> => ({
    APP_ID: String(appId),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: webhookSecret,
    HOST: "127.0.0.1",
    PORT: new URL(replicas[index]?.url ?? `http://127.0.0.1:${await freePort()}`).port,
    DATABASE_URL: scratch.url,
    GHE_HOST: new URL(github.url).host,
    GHE_PROTOCOL: "http",
    ANTHROPIC_API_KEY: "sk-ant-wind-tunnel",
    ANTHROPIC_BASE_URL: anthropic.url,
    LOG_LEVEL: options.logLevel ?? "info",
    PITWALL_CONCURRENCY: String(options.concurrency ?? 2),
    ...options.env,
  });
  const launch = async (index: number) => {
    const env = await envOf(index);
    const replica = (replicas[index] ??= { index, pid: undefined, url: `http://127.0.0.1:${env.PORT ?? ""}`, lines: [] });
    const child = await spawnReplica(env, replica.lines);
    processes[index] = child;
    replica.pid = child.pid;
    balancer.setTarget(index, replica.url);
  };
  await Promise.all(Array.from({ length: options.count }, (_, index) => launch(index)));
  github.setWebhookUrl(balancer.webhookUrl);

  const unfinishedJobs = () =>
    sql.query<{ id: number; kind: string; status: string; locked_by: string | null; attempts: number; last_error: string | null }>(
      "select id, kind, status, locked_by, attempts, last_error from jobs where status = 'running' or (status = 'queued' and run_at <= $1) order by id",
      [new Date(Date.now() + 60_000)],
    );
  const quiet = async () => github.inFlight() === 0 && balancer.inFlight() === 0 && (await unfinishedJobs()).length === 0;

  const tunnel: Replicas = {
    github,
    anthropic,
    openai,
    balancer,
    replicas,
    sql,
    databaseName: scratch.name,
    appId,
    installationId,
    webhookSecret,
    async kill(index, signal = "SIGKILL") {
      const child = processes[index];
      if (!child?.running()) return;
      balancer.setTarget(index, undefined);
      child.signal(signal);
      // A replica that does not stop on SIGTERM within a while is killed.
      const timer = signal === "SIGKILL" ? undefined : setTimeout(() => child.signal("SIGKILL"), 15_000);
      await child.exited;
      clearTimeout(timer);
      if (signal === "SIGKILL") kills.push({ pid: child.pid, at: new Date() });
      processes[index] = undefined;
      const replica = replicas[index];
      if (replica) replica.pid = undefined;
    },
    async restart(index) {
      if (processes[index]?.running()) return;
      await launch(index);
    },
    async settle({ timeoutMs = 120_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      // Twice quiet in a row: a job's last write raises a webhook a moment after the job ends.
      for (let quietLooks = 0; ; ) {
        quietLooks = (await quiet()) ? quietLooks + 1 : 0;
        if (quietLooks >= 2) return;
        if (Date.now() > deadline) {
          const left = await unfinishedJobs();
          throw new Error(
            `the replicas did not settle within ${timeoutMs} ms: ${github.inFlight()} webhooks at GitHub, ${balancer.inFlight()} at the balancer, ${left.length} jobs unfinished` +
              left.map((job) => `\n  job ${job.id} ${job.kind} ${job.status}${job.locked_by ? ` by ${job.locked_by}` : ""} (attempts ${job.attempts}${job.last_error ? `, ${job.last_error}` : ""})`).join(""),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    jobRunFigures: async () => jobRunFigures(await readJobRuns(sql), kills, new Date()),
    logLines: () => replicas.flatMap((replica) => replica.lines),
    async close() {
      await Promise.all(processes.map((child, index) => (child?.running() ? tunnel.kill(index, "SIGTERM") : Promise.resolve())));
      await sql.close();
      await scratch.drop();
      await Promise.all([github.close(), anthropic.close(), openai.close(), balancer.close()]);
    },
  };
  return tunnel;
}
