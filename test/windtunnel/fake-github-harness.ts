// Starts a fake GitHub with a fresh RSA key pair, one repo and the app installed on it, and
// gives tests a real @octokit/rest client authenticated as the installation through the real
// JWT → installation token flow (@octokit/auth-app, as Probot uses it).
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from "../../windtunnel/github/index.ts";

export const APP_ID = 4242;
export const INSTALLATION_ID = 777;
export const SECRET = "wind-tunnel-secret";

/** Octokit logs every 4xx; the tests expect many. */
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface Harness {
  gh: FakeGitHub;
  octokit: Octokit;
  privateKey: string;
  /** an Octokit authenticated as the app (JWT), for /app endpoints */
  appOctokit: Octokit;
}

export function keyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

export interface HarnessOptions extends Partial<FakeGitHubOptions> {
  files?: Record<string, string>;
  /** the installation's permissions (default: the app's) */
  installationPermissions?: Record<string, "read" | "write">;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const { privateKey, publicKey } = keyPair();
  const gh = await startFakeGitHub({ webhookSecret: SECRET, app: { id: APP_ID, slug: "pitwall", publicKeyPem: publicKey }, ...options });
  gh.createUser({ login: "acme", type: "Organization" });
  gh.createUser({ login: "alice" });
  gh.createRepo({ owner: "acme", name: "widgets", files: options.files ?? { "README.md": "# widgets\n", "src/index.ts": "export const x = 1;\n" } });
  gh.installApp({
    installationId: INSTALLATION_ID,
    account: "acme",
    repos: ["acme/widgets"],
    ...(options.installationPermissions ? { permissions: options.installationPermissions } : {}),
  });
  const auth = { appId: APP_ID, privateKey };
  const octokit = new Octokit({ baseUrl: gh.url, log: quiet, authStrategy: createAppAuth, auth: { ...auth, installationId: INSTALLATION_ID } });
  const appOctokit = new Octokit({ baseUrl: gh.url, log: quiet, authStrategy: createAppAuth, auth });
  return { gh, octokit, privateKey, appOctokit };
}

/** The status of a rejected Octokit call (RequestError), or a failure when it succeeded. */
export async function statusOf(call: Promise<unknown>): Promise<{ status: number; message: string; data: unknown }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error && "status" in error && typeof error.status === "number") {
      const data = "response" in error && typeof error.response === "object" && error.response !== null && "data" in error.response ? error.response.data : undefined;
      return { status: error.status, message: error.message, data };
    }
    throw error;
  }
  throw new Error("expected the request to fail");
}

/** Reads a nested field of a webhook payload or response without casts. */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = typeof current === "object" && current !== null ? Object.entries(current).find(([k]) => k === key)?.[1] : undefined;
  return current;
}

/** Sends a request Octokit's types would refuse (invalid on purpose) through the real client. */
export function untyped(octokit: Octokit, route: string, params: Record<string, unknown>): Promise<unknown> {
  return octokit.request(route, params);
}

export async function installationToken(h: Harness): Promise<string> {
  const auth: unknown = await h.octokit.auth({ type: "installation" });
  const token = field(auth, "token");
  if (typeof token !== "string") throw new Error("no installation token");
  return token;
}

export interface Receiver {
  url: string;
  /** `event.action` (or `event.`) of each webhook received, in order */
  received: string[];
  close(): Promise<void>;
}

/** A stand-in for the app's webhook endpoint that answers 202 and records what arrived. */
export async function startReceiver(): Promise<Receiver> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const action = field(JSON.parse(Buffer.concat(chunks).toString("utf8")), "action");
      received.push(`${String(req.headers["x-github-event"])}.${typeof action === "string" ? action : ""}`);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the receiver has no port");
  return {
    url: `http://127.0.0.1:${address.port}/api/github/webhooks`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
