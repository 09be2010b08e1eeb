import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Logger } from "pino";
import { Probot, Server } from "probot";
import { SmeeClient } from "smee-client";
import { createRegistrationHandler } from "./create-registration-handler.ts";
import { exchangeManifestCode } from "./exchange-manifest-code.ts";
import { readAppYml } from "./read-app-yml.ts";
import { readRegistrationEnv } from "./read-registration-env.ts";
import { registrationWebhookUrl } from "./registration-webhook-url.ts";
import { saveCredentials } from "./save-credentials.ts";
import { updateEnvFile } from "./update-env-file.ts";

export interface RegistrationOptions {
  log: Logger;
  /** Where app.yml is read and .env written (the folder `npm start` runs in). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Opens a smee.io channel; tests hand in one that never reaches smee.io. */
  SmeeClient?: { createChannel: () => Promise<string> };
  /** Where GitHub's API is; tests point it at a fake. */
  apiUrl?: string;
}

/**
 * `npm start` in setup mode (no APP_ID, no key: checkStartSettings decided, after .env was read):
 * serves the registration page (instead of Probot's, which cut the manifest at the first
 * apostrophe of app.yml) and returns its server.
 */
export async function startRegistration(options: RegistrationOptions): Promise<Server> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const settings = readRegistrationEnv(env);
  const appYml = readAppYml(cwd);
  let proxyUrl = settings.proxyUrl;
  if (settings.publicUrl === undefined && proxyUrl === undefined && !settings.noSmeeSetup) {
    try {
      proxyUrl = await (options.SmeeClient ?? SmeeClient).createChannel();
      updateEnvFile(join(cwd, ".env"), { WEBHOOK_PROXY_URL: proxyUrl });
      options.log.info(`registration: webhooks will come through the smee.io channel ${proxyUrl} (saved as WEBHOOK_PROXY_URL in .env)`);
    } catch (error) {
      options.log.warn({ err: error }, "registration: no smee.io channel could be opened; set WEBHOOK_PROXY_URL to one from https://smee.io/new and restart");
    }
  }
  const apiUrl = options.apiUrl ?? settings.apiUrl;
  const handler = createRegistrationHandler({
    appYml,
    createAppUrl: settings.createAppUrl,
    state: randomBytes(24).toString("base64url"),
    publicUrl: settings.publicUrl,
    webhookPath: settings.webhookPath,
    hookUrl: registrationWebhookUrl({ ...settings, proxyUrl }),
    exchangeCode: (code) => exchangeManifestCode(code, apiUrl),
    saveCredentials: (values) => saveCredentials(cwd, values),
    log: options.log,
  });
  const server = new Server({
    host: settings.host,
    port: settings.port,
    webhookPath: settings.webhookPath,
    log: options.log,
    // Probot's server wants an app; none runs until the credentials exist (Probot's own setup does the same).
    Probot: Probot.defaults({ appId: 1, privateKey: "unused until the app is registered", log: options.log }),
  });
  await server.load((_app, { addHandler }) => addHandler(handler));
  await server.start();
  options.log.info(`Pitwall is not registered on GitHub yet: open http://${browsableHost(settings.host)}:${server.port}/probot to register it, then restart.`);
  return server;
}

/** The name a browser on this machine opens: HOST, or localhost when Pitwall listens on every address. */
function browsableHost(host: string | undefined): string {
  if (host === undefined || host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
