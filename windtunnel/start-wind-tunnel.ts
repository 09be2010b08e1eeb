import { generateKeyPairSync } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { DestinationStream } from "pino";
import type { PitwallRuntime } from "../src/app/start-pitwall.ts";
import type { Clock } from "../src/domain/clock.ts";
import { startFakeGitHub, type FakeGitHub } from "./github/index.ts";
import { startFakeAnthropic, startFakeOpenAI, type FakeModelServer } from "./models/index.ts";
import { freePort } from "./free-port.ts";
import { readWindTunnelDatabase } from "./read-wind-tunnel-database.ts";
import { scriptedAgentReply } from "./scripted-agents.ts";

export interface WindTunnelOptions {
  /** Which fake vendors get an API key in Pitwall's environment (none: "no provider configured"). */
  providers?: ("anthropic" | "openai")[];
  logLevel?: "silent" | "error" | "warn" | "info" | "debug";
  /** Where the app's log lines go (a test reads them); stdout by default. */
  logStream?: DestinationStream;
  concurrency?: number;
  /** Turns on the app's cost API for this token. */
  dashboardToken?: string;
  /** The app's clock (a test moves it on to the next budget period); the system clock by default. */
  clock?: Clock;
  /** GitHub's clock (its timestamps on comments, pushes, payloads); the system clock by default. */
  githubNow?: () => Date;
  /**
   * A PostgreSQL server on which the tunnel creates a fresh database, dropped on close; without
   * one, in-memory PGlite. Defaults to what `readWindTunnelDatabase` reads from the environment.
   */
  postgresServerUrl?: string | undefined;
  /** A PGlite data folder the app stores in and leaves behind (`npm run demo -- --keep-data`); ignored with a PostgreSQL server. */
  dataDir?: string | undefined;
  /**
   * Minutes between the app's sweeps for lost webhooks (its start-up round included); 0 by
   * default, so a test's webhooks are not raced by a sweep: `pitwall.sweep()` runs one on demand.
   */
  sweepMinutes?: number;
  /** The time limit of one model call (a test of a hung vendor sets a short one); the app's default otherwise. */
  modelCallTimeLimitMs?: number;
  /**
   * `production`: the model SDK clients as `npm start` builds them (createProviders' defaults,
   * retries included); otherwise with the SDKs' own retries off, so a test sees every fault.
   */
  modelClient?: "production" | "test";
}

export interface WindTunnel {
  github: FakeGitHub;
  anthropic: FakeModelServer;
  openai: FakeModelServer;
  pitwall: PitwallRuntime;
  /** The app's real HTTP address; webhooks are POSTed to `${appUrl}/api/github/webhooks`. */
  appUrl: string;
  appId: number;
  appSlug: string;
  installationId: number;
  webhookSecret: string;
  /** Waits until no webhook is in flight and the worker has nothing left to do. */
  settle(): Promise<void>;
  /** Where the app's store lives: PGlite in memory or in a folder, or the throw-away database's name and server. */
  database: string;
  close(): Promise<void>;
}

/**
 * Starts the fake GitHub, the fake model vendors and the real Probot app (real HTTP server,
 * real Octokit, real SDKs, in-memory PGlite or a fresh PostgreSQL database) wired to each other.
 */
export async function startWindTunnel(options: WindTunnelOptions = {}): Promise<WindTunnel> {
  const appId = 4242;
  const appSlug = "pitwall";
  const installationId = 777;
  const webhookSecret = "wind-tunnel-secret";
  // The app loads when a tunnel starts, not with the entry (index.ts): a test that imports the
  // entry for a fake alone would otherwise wait seconds for Probot, the SDKs and PGlite.
  const [{ Probot, ProbotOctokit, Server }, { createLogger }, { startPitwall }, { createProviders }, { createScratchDatabase }, { openStore }, { countUnfinishedJobs }] = await Promise.all([
    import("probot"),
    import("../src/app/create-logger.ts"),
    import("../src/app/start-pitwall.ts"),
    import("../src/providers/create-providers.ts"),
    import("../src/store/create-scratch-database.ts"),
    import("../src/store/open-store.ts"),
    import("../src/store/jobs.ts"),
  ]);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });

  const github = await startFakeGitHub({ webhookSecret, app: { id: appId, slug: appSlug, publicKeyPem: publicKey }, ...(options.githubNow ? { now: options.githubNow } : {}) });
  const anthropic = await startFakeAnthropic();
  const openai = await startFakeOpenAI();
  anthropic.setResponder(scriptedAgentReply);
  openai.setResponder(scriptedAgentReply);

  const enabled = new Set(options.providers ?? ["anthropic"]);
  const providers = createProviders(
    {
      ANTHROPIC_API_KEY: enabled.has("anthropic") ? "sk-ant-wind-tunnel" : undefined,
      ANTHROPIC_BASE_URL: anthropic.url,
      OPENAI_API_KEY: enabled.has("openai") ? "sk-wind-tunnel" : undefined,
      OPENAI_BASE_URL: openai.url,
    },
    options.modelClient === "production" ? { callTimeLimitMs: options.modelCallTimeLimitMs } : { maxRetries: 0, timeoutMs: 30_000, callTimeLimitMs: options.modelCallTimeLimitMs },
  );

  const clock: Clock = options.clock ?? { now: () => new Date() };
  // The app's own logger, with its redaction, as production runs it.
  const log = createLogger({ level: options.logLevel ?? "silent" }, options.logStream);
  // Tests turn Octokit's throttling and retries off: the fake answers at once and a retry would hide a bug.
  const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({ ...defaults, throttle: { enabled: false }, retry: { enabled: false } }));
  const postgresServerUrl = "postgresServerUrl" in options ? options.postgresServerUrl : readWindTunnelDatabase();
  const scratch = postgresServerUrl ? await createScratchDatabase(postgresServerUrl, "pitwall_tunnel") : undefined;
  const dataDir = scratch ? undefined : options.dataDir;
  const sql = await openStore({ databaseUrl: scratch?.url, dataDir });
  let pitwall: PitwallRuntime | undefined;
  const server = new Server({
    host: "127.0.0.1",
    // Probot reads `port: 0` as "unset" and binds 3000, so ask the OS for a free port first.
    port: await freePort(),
    log,
    Probot: Probot.defaults({ appId, privateKey, secret: webhookSecret, baseUrl: github.url, Octokit, log }),
  });
  await server.load(async (app, { addHandler }) => {
    pitwall = await startPitwall(app, {
      sql,
      providers,
      addHandler,
      env: { databaseUrl: undefined, dataDir: "", concurrency: options.concurrency ?? 2, providers: {}, dashboardToken: options.dashboardToken, webhookSecret },
      pollMs: 200,
      clock,
      sweepMinutes: options.sweepMinutes ?? 0,
    });
  });
  const http = await server.start();
  const appUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  github.setWebhookUrl(`${appUrl}/api/github/webhooks`);
  if (!pitwall) throw new Error("the app did not start");
  const runtime = pitwall;

  return {
    github,
    anthropic,
    openai,
    pitwall: runtime,
    appUrl,
    appId,
    appSlug,
    installationId,
    webhookSecret,
    async settle() {
      // Deliveries create jobs and jobs cause deliveries: loop until both are quiet.
      for (let round = 0; round < 200; round += 1) {
        await github.idle();
        await runtime.worker.whenIdle();
        await github.idle();
        // Work delayed for later (a budget's delay) does not keep the tunnel from settling.
        if ((await countUnfinishedJobs(sql, new Date(clock.now().getTime() + 60_000))) === 0 && github.inFlight() === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
        runtime.worker.wake();
      }
      throw new Error("the wind tunnel did not settle");
    },
    database: scratch ? `PostgreSQL, throw-away database ${scratch.name} on ${new URL(scratch.url).host}` : dataDir === undefined ? "PGlite in memory" : `PGlite in ${dataDir}`,
    async close() {
      await server.stop();
      await runtime.stop();
      await sql.close();
      // A developer's own server keeps no leftovers from test runs.
      await scratch?.drop();
      await Promise.all([github.close(), anthropic.close(), openai.close()]);
    },
  };
}
