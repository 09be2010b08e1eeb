import { run, type Server } from "probot";
import { startPitwall, type PitwallRuntime } from "./start-pitwall.ts";
import { prepareStart, type PreparedStart } from "./prepare-start.ts";
import { StartRefusedError } from "./start-refused-error.ts";
import { startRegistration } from "./start-registration.ts";
import { redactSecrets } from "../agents/secret-scanner.ts";
import { describeThrown } from "./describe-thrown.ts";
import { localWebhookTarget } from "./local-webhook-target.ts";
import { startWebhookProxy, type WebhookProxy } from "./start-webhook-proxy.ts";
import { PitwallOctokit } from "../github/pitwall-octokit.ts";

// `npm start`. Without APP_ID and a private key (setup mode), Pitwall serves its registration page: create
// the GitHub App from app.yml in a few clicks, and the credentials are written to .env.
let runtime: PitwallRuntime | undefined;
let prepared: PreparedStart | undefined;
let server: Server | undefined;
let proxy: WebhookProxy | undefined;
let starting: Promise<void> = Promise.resolve();

// A stop hands running jobs back after a grace (PITWALL_STOP_GRACE_SECONDS) instead of waiting
// for them: another replica or the next start takes them at once. Order: the worker first (the
// HTTP server still records webhooks into the durable inbox meanwhile), then the server, then the
// store (an unclosed PGlite folder can be left broken). A second signal, or far past the grace,
// stops at once.
let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) {
    console.error(`Pitwall: ${signal} again, stopping at once`);
    process.exit(1);
  }
  stopping = true;
  prepared?.log.info(`${signal}: Pitwall is stopping; running jobs get a grace, then go back to the queue (${signal} again stops at once)`);
  // Stopping during start-up waits for it first (its own steps have time limits), hence the margin.
  const stopLimitMs = (prepared?.pitwall?.env.stopGraceMs ?? 120_000) + 60_000;
  setTimeout(() => {
    console.error(`Pitwall did not stop within ${stopLimitMs / 1000} s of ${signal}: stopping at once`);
    process.exit(1);
  }, stopLimitMs).unref();
  // A signal during start-up waits for it, so that a half-opened store is closed, not cut off.
  await starting.catch(() => undefined);
  const graceMs = prepared?.pitwall?.env.stopGraceMs ?? 15_000;
  prepared?.log.info({ graceMs }, `running jobs get ${graceMs / 1000} s before they are handed back`);
  await runtime?.stop({ graceMs });
  await proxy?.stop();
  await server?.stop();
  await prepared?.close();
  process.exit(0);
};
// Set before anything starts: Node as a container's pid 1 ignores signals it has no handler for.
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));

starting = (async () => {
  // Settings are checked, the store opened and GitHub asked before Probot starts (README "Configuration").
  prepared = await prepareStart();
  const { log, pitwall } = prepared;
  if (pitwall === undefined) {
    server = await startRegistration({ log });
  } else {
    const before = new Set(process.listeners("SIGINT"));
    server = await run(
      async (app, { addHandler }) => {
        runtime = await startPitwall(app, { addHandler, ...pitwall });
      },
      // Pitwall's logger, not Probot's default: it redacts bodies and credentials. WEBHOOK_PROXY_URL
      // hidden from Probot (a view read after run() loads .env), whose proxy failed the start-up when the
      // channel could not be reached: Pitwall runs it below.
      { log, Octokit: PitwallOctokit, env: new Proxy(process.env, { get: (target, key) => (key === "WEBHOOK_PROXY_URL" ? undefined : (Reflect.get(target, key) as unknown)) }) },
    );
    // Probot's own SIGINT handler exits without stopping the worker or closing the store.
    for (const listener of process.listeners("SIGINT")) if (!before.has(listener)) process.off("SIGINT", listener);
    const proxyUrl = process.env.WEBHOOK_PROXY_URL?.trim();
    if (proxyUrl) proxy = startWebhookProxy({ url: proxyUrl, target: localWebhookTarget(server.host, server.port, process.env.WEBHOOK_PATH || "/api/github/webhooks"), log });
  }
  prepared.announce();
})();

try {
  await starting;
} catch (error) {
  const problems = error instanceof StartRefusedError ? error.problems : [describeThrown(error)];
  // Not through the logger (it may be what failed); a library's message could still hold a credential.
  console.error(redactSecrets(`Pitwall could not start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`).text);
  await runtime?.stop();
  await prepared?.close();
  process.exit(1);
}
