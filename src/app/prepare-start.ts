import { readFileSync } from "node:fs";
import type { Logger } from "pino";
import { createProviders } from "../providers/create-providers.ts";
import type { ModelProvider, ProviderName } from "../providers/types.ts";
import type { Sql } from "../store/sql.ts";
import { askGitHubForApp } from "./ask-github-for-app.ts";
import { checkStartSettings } from "./check-start-settings.ts";
import { createLogger } from "./create-logger.ts";
import { githubApiUrl } from "./github-api-url.ts";
import { loadDotEnv } from "./load-dot-env.ts";
import { openConfiguredStore } from "./open-configured-store.ts";
import { readLogSettings, readPitwallEnv, type PitwallEnv } from "./read-pitwall-env.ts";
import { readPrivateKey } from "./read-private-key.ts";
import { StartRefusedError } from "./start-refused-error.ts";
import { startupLine } from "./startup-line.ts";

/** What `npm start` checked and opened before Probot starts its server. */
export interface PreparedStart {
  log: Logger;
  /** Undefined in setup mode (the first run): Probot serves the registration page, Pitwall does not run. */
  pitwall: { env: PitwallEnv; sql: Sql; providers: ReadonlyMap<ProviderName, ModelProvider> } | undefined;
  /** Logs the start-up line, once the server listens. */
  announce(): void;
  close(): Promise<void>;
}

// GitHub answers GET /app in well under a second; a few seconds tell an unreachable GitHub.
const githubTimeLimitMs = 5_000;

/**
 * Reads and checks the settings (after `.env`, as Probot will), refuses unsafe or broken ones with
 * a StartRefusedError naming each variable, opens the store and asks GitHub who the app is.
 */
export async function prepareStart(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<PreparedStart> {
  loadDotEnv(env, cwd);
  const log = createLogger(readLogSettings(env));
  const settings = checkStartSettings(env, readPrivateKey(env, cwd));
  if (settings.mode === "refused") throw new StartRefusedError(settings.problems);
  if (settings.mode === "setup") return { log, pitwall: undefined, announce: () => undefined, close: () => Promise.resolve() };
  for (const warning of settings.warnings) log.warn(warning);

  const pitwallEnv = readPitwallEnv(env);
  const apiUrl = githubApiUrl(env);
  // Both at once: PGlite's first start takes seconds. A refusal from GitHub is told at once.
  const opening = openConfiguredStore(pitwallEnv);
  void opening.catch(() => undefined);
  const answer = await askGitHubForApp({ apiUrl, appId: settings.appId, privateKey: settings.privateKey }, githubTimeLimitMs);
  if (answer.kind === "refused") {
    // Closed before the refusal exits: cutting PGlite's first start short can leave the folder broken.
    await opening.then((sql) => sql.close(), () => undefined);
    throw new StartRefusedError([
      `APP_ID / PRIVATE_KEY: GitHub (${apiUrl}) refused app ${settings.appId} with this private key (${answer.status} ${answer.message}): check that APP_ID is the app's id and the key is one of its private keys (the app's settings page on GitHub).`,
    ]);
  }
  if (answer.kind === "unreachable") {
    // Chosen: keep running. Webhooks are recorded, and their jobs retried, until GitHub answers.
    log.error({ github: apiUrl, cause: answer.cause }, `GitHub cannot be reached at ${apiUrl}/app: ${answer.cause}. Pitwall keeps running; webhooks are recorded and their jobs retried until GitHub answers (check GHE_HOST, the network or a proxy).`);
  }
  const sql = await opening;
  const providers = createProviders(pitwallEnv.providers, { callTimeLimitMs: pitwallEnv.modelCallTimeLimitMs });
  return {
    log,
    pitwall: { env: pitwallEnv, sql, providers },
    announce() {
      const line = startupLine({
        version: pitwallVersion(),
        databaseUrl: pitwallEnv.databaseUrl,
        dataDir: pitwallEnv.dataDir,
        providers: [...providers.keys()],
        concurrency: pitwallEnv.concurrency,
        webhookPath: env.WEBHOOK_PATH || "/api/github/webhooks",
        publicUrl: env.PITWALL_PUBLIC_URL?.trim() || undefined,
        webhookProxyUrl: env.WEBHOOK_PROXY_URL?.trim() || undefined,
        github: { apiUrl, slug: answer.kind === "app" ? answer.slug : undefined },
      });
      log.info(line.fields, line.message);
    },
    close: () => sql.close(),
  };
}

function pitwallVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version: unknown = typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "version") : undefined;
  return typeof version === "string" ? version : "(unknown version)";
}
