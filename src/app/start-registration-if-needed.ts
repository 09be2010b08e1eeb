import { readdirSync } from "node:fs";
import { join } from "node:path";
import { getPrivateKey } from "@probot/get-private-key";
import type { Logger } from "pino";
import { Probot, Server } from "probot";
import { SmeeClient } from "smee-client";
import { createRegistrationHandler } from "./create-registration-handler.ts";
import { exchangeManifestCode } from "./exchange-manifest-code.ts";
import { loadDotEnv } from "./load-dot-env.ts";
import { needsRegistration } from "./needs-registration.ts";
import { readAppYml } from "./read-app-yml.ts";
import { readRegistrationEnv } from "./read-registration-env.ts";
import { registrationWebhookUrl } from "./registration-webhook-url.ts";
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
 * `npm start` before the app is registered: serves the registration page (instead of Probot's,
 * which cut the manifest at the first apostrophe of app.yml) and returns its server. Returns
 * undefined when the app has its credentials, for Probot's `run` to start Pitwall.
 */
export async function startRegistrationIfNeeded(options: RegistrationOptions): Promise<Server | undefined> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  // Probot's `run` reads .env over the environment the same way before it decides.
  loadDotEnv(env, cwd);
  const pemInFolder = readdirSync(cwd).some((file) => file.endsWith(".pem"));
  if (!needsRegistration(env, pemInFolder)) {
    // Probot's `run` falls back into its own setup page when it cannot read the key: say what is wrong instead.
    try {
      if (!getPrivateKey({ env, cwd })) throw new Error("no key found");
    } catch (error) {
      throw new Error(`the private key cannot be read (PRIVATE_KEY, PRIVATE_KEY_PATH or a .pem file here): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return undefined;
  }

  const settings = readRegistrationEnv(env);
  const appYml = readAppYml(cwd);
  const saveEnv = (values: Record<string, string>) => updateEnvFile(join(cwd, ".env"), values);
  let proxyUrl = settings.proxyUrl;
  if (settings.publicUrl === undefined && proxyUrl === undefined && !settings.noSmeeSetup) {
    try {
      proxyUrl = await (options.SmeeClient ?? SmeeClient).createChannel();
      saveEnv({ WEBHOOK_PROXY_URL: proxyUrl });
      options.log.info(`registration: webhooks will come through the smee.io channel ${proxyUrl} (saved as WEBHOOK_PROXY_URL in .env)`);
    } catch (error) {
      options.log.warn({ err: error }, "registration: no smee.io channel could be opened; set WEBHOOK_PROXY_URL to one from https://smee.io/new and restart");
    }
  }
  const apiUrl = options.apiUrl ?? settings.apiUrl;
  const handler = createRegistrationHandler({
    appYml,
    createAppUrl: settings.createAppUrl,
    webhookPath: settings.webhookPath,
    hookUrl: registrationWebhookUrl({ ...settings, proxyUrl }),
    exchangeCode: (code) => exchangeManifestCode(code, apiUrl),
    saveEnv,
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
  options.log.info(`Pitwall is not registered on GitHub yet: open http://${settings.host ?? "localhost"}:${server.port}/probot to register it, then restart.`);
  return server;
}
