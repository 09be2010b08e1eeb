import { githubApiUrl } from "./github-api-url.ts";
import { readHttpUrl } from "./read-http-url.ts";

export interface RegistrationEnv {
  /** `PITWALL_PUBLIC_URL`: where GitHub reaches this Pitwall in production (origin, maybe a path prefix, no trailing slash). */
  publicUrl: string | undefined;
  /** `WEBHOOK_PROXY_URL`: a smee.io channel that forwards webhooks to a development machine. */
  proxyUrl: string | undefined;
  /** `WEBHOOK_PATH`, Probot's webhook endpoint. */
  webhookPath: string;
  /** GitHub's "new app" form: under `GH_ORG` when set, on `GHE_HOST` when set. */
  createAppUrl: string;
  /** GitHub's REST API, where the manifest code is exchanged for the credentials. */
  apiUrl: string;
  /** `NO_SMEE_SETUP=true` (Probot's switch): open no smee.io channel. */
  noSmeeSetup: boolean;
  port: number;
  host: string | undefined;
}

/** The settings of registration (`npm start` without credentials), checked and named when wrong. */
export function readRegistrationEnv(env: NodeJS.ProcessEnv): RegistrationEnv {
  const org = env.GH_ORG?.trim() || undefined;
  // GitHub logins: letters, digits and single hyphens.
  if (org !== undefined && !/^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/.test(org)) throw new Error(`GH_ORG must be an organisation's login (letters, digits, hyphens), not "${env.GH_ORG}"`);
  const host = env.GHE_HOST?.trim() || "github.com";
  const protocol = env.GHE_PROTOCOL?.trim() || "https";
  const webhookPath = env.WEBHOOK_PATH?.trim() || "/api/github/webhooks";
  if (!webhookPath.startsWith("/")) throw new Error(`WEBHOOK_PATH must start with "/", not "${env.WEBHOOK_PATH}"`);
  return {
    publicUrl: readHttpUrl(env, "PITWALL_PUBLIC_URL")?.replace(/\/+$/, ""),
    proxyUrl: readHttpUrl(env, "WEBHOOK_PROXY_URL"),
    webhookPath,
    createAppUrl: `${protocol}://${host}${org === undefined ? "" : `/organizations/${org}`}/settings/apps/new`,
    // The API Probot will talk to once the app is registered.
    apiUrl: githubApiUrl(env),
    noSmeeSetup: env.NO_SMEE_SETUP === "true",
    // Probot's own reading of PORT and HOST.
    port: Number(env.PORT) || 3000,
    host: env.HOST || undefined,
  };
}
