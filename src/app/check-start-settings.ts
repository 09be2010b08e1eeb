import { createPrivateKey } from "node:crypto";
import { describeDatabaseUrl } from "./describe-database-url.ts";
import { readHttpUrl } from "./read-http-url.ts";
import type { PrivateKeyReading } from "./read-private-key.ts";

/** What `npm start` may do with the settings it was given. */
export type StartSettings =
  /** No APP_ID and no key at all, outside production: the first run, when Pitwall serves the registration page. */
  | { mode: "setup" }
  | { mode: "app"; appId: number; privateKey: string; warnings: string[] }
  | { mode: "refused"; problems: string[] };

// Probot verifies webhooks with this public default when WEBHOOK_SECRET is unset: anyone can sign with it.
const probotDefaultSecret = "development";

/**
 * Decides whether Pitwall may start, from the environment (after `.env`) and the key Probot would
 * read. Every problem names the variable to fix; all of them are reported at once.
 */
export function checkStartSettings(env: NodeJS.ProcessEnv, key: PrivateKeyReading): StartSettings {
  const appIdText = env.APP_ID?.trim() ?? "";
  if (appIdText === "" && key.kind === "none") {
    // Registration writes .env and needs a browser on this machine: not a server's job.
    if (env.NODE_ENV === "production") return { mode: "refused", problems: ['APP_ID and PRIVATE_KEY are not set, and a production server does not register apps: register with `npm start` on your machine (README "Installing on GitHub"), then set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET here.'] };
    return { mode: "setup" };
  }

  const problems: string[] = [];
  const warnings: string[] = [];
  const appId = /^\d{1,15}$/.test(appIdText) ? Number(appIdText) : 0;
  if (appIdText === "") {
    problems.push(`APP_ID is not set, but a private key is (${key.kind === "none" ? "" : key.from}): set APP_ID to the app's id (on its settings page on GitHub), or remove the key to register a new app.`);
  } else if (appId < 1) {
    problems.push(`APP_ID must be the app's id, a positive whole number (on its settings page on GitHub), not "${appIdText.slice(0, 40)}".`);
  }

  const keyProblem = key.kind === "read" ? rsaKeyProblem(key.from, key.pem) : undefined;
  if (key.kind === "none") {
    problems.push("PRIVATE_KEY is not set (nor PRIVATE_KEY_PATH, nor a .pem file in the working folder), but APP_ID is: set one to the app's private key (on its settings page on GitHub, Private keys).");
  } else if (key.kind === "unreadable") {
    problems.push(`${key.from}: ${key.reason}`);
  } else if (keyProblem) {
    problems.push(keyProblem);
  }

  const secret = env.WEBHOOK_SECRET?.trim() ?? "";
  if (secret === "" || secret === probotDefaultSecret) {
    const which = secret === "" ? "WEBHOOK_SECRET is not set" : `WEBHOOK_SECRET is Probot's public default "${probotDefaultSecret}"`;
    if (env.NODE_ENV === "development") {
      warnings.push(`${which}: webhooks are verified with "${probotDefaultSecret}", which anyone can sign with; allowed only because NODE_ENV=development.`);
    } else {
      problems.push(`${which}: anyone could sign webhooks and forge commands such as /approve. Set it to the webhook secret of the app's settings on GitHub (NODE_ENV=development alone allows the default).`);
    }
  }

  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && describeDatabaseUrl(databaseUrl) === undefined) {
    problems.push("DATABASE_URL is not a PostgreSQL URL: write it as postgres://user:password@host:5432/database (unset it to use the embedded PGlite).");
  }
  // Read as registration reads it, so both refuse the same values.
  try {
    readHttpUrl(env, "PITWALL_PUBLIC_URL");
  } catch (error) {
    problems.push(`${(error as Error).message}: the address GitHub reaches Pitwall at.`);
  }

  if (problems.length > 0 || key.kind !== "read") return { mode: "refused", problems };
  return { mode: "app", appId, privateKey: key.pem, warnings };
}

/** Why `pem` is not a key GitHub Apps sign their JWTs with (RSA), or undefined when it is one. */
function rsaKeyProblem(from: string, pem: string): string | undefined {
  try {
    const type = createPrivateKey(pem).asymmetricKeyType;
    return type === "rsa" ? undefined : `${from} is a private key of type ${type ?? "unknown"}; a GitHub App's key is RSA (the .pem GitHub generates on the app's settings page).`;
  } catch {
    return `${from} is not a PEM private key that can be read: paste the whole .pem GitHub generated for the app, from -----BEGIN to END----- (or set PRIVATE_KEY_PATH to the file).`;
  }
}
