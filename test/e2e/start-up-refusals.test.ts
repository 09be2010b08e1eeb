import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub, freePort } from "../../windtunnel/index.ts";
import { appKeyPair } from "../support/app-key-pair.ts";
import { silentServer } from "../support/silent-server.ts";
import { startAppProcess } from "../support/start-app-process.ts";

// Issue 14 point 2: `npm start` refuses unsafe or broken settings with a message that names the
// variable and a non-zero exit, within seconds, and never falls back into setup mode while looking
// alive. Setup mode itself (no APP_ID and no key: the first run) still serves registration.

const bound = 20_000;
const appId = 4242;

describe("npm start with unsafe or broken settings", () => {
  let dir: string;
  let github: FakeGitHub;
  const key = appKeyPair();
  let good: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-refusals-"));
    // Not in the working folder, where Probot would find it without PRIVATE_KEY_PATH.
    mkdirSync(join(dir, "keys"));
    writeFileSync(join(dir, "keys", "app.pem"), key.privateKey);
    // GitHub knows this app by another key: a JWT signed with ours is refused with 401.
    github = await startFakeGitHub({ webhookSecret: "s", app: { id: appId, slug: "pitwall", publicKeyPem: appKeyPair().publicKey } });
    good = {
      APP_ID: String(appId),
      PRIVATE_KEY_PATH: join(dir, "keys", "app.pem"),
      WEBHOOK_SECRET: "a-long-webhook-secret-for-tests",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PITWALL_DATA_DIR: join(dir, "data"),
      GHE_HOST: new URL(github.url).host,
      GHE_PROTOCOL: "http",
    };
  });
  afterAll(async () => {
    await github?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** GitHub out of reach: Pitwall keeps going (and says so), so what is wrong with the store is told. */
  const noGitHub = async () => ({ GHE_HOST: `127.0.0.1:${await freePort()}` });

  /** Starts the app with `changes` to a working environment and waits for it to exit by itself. */
  async function refusal(changes: Record<string, string | undefined>) {
    const env = Object.fromEntries(Object.entries({ ...good, PORT: String(await freePort()), ...changes }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const started = Date.now();
    const app = startAppProcess(env, { cwd: dir });
    const code = await app.exited(bound);
    return { code, seconds: (Date.now() - started) / 1000, output: app.output() };
  }

  it.each([
    ["not set, in production", { WEBHOOK_SECRET: undefined }],
    ["not set, NODE_ENV unset", { WEBHOOK_SECRET: undefined, NODE_ENV: undefined }],
    ["empty", { WEBHOOK_SECRET: "" }],
    ["Probot's public default", { WEBHOOK_SECRET: "development", NODE_ENV: undefined }],
  ])("refuses to start when WEBHOOK_SECRET is %s", async (_case, changes) => {
    const { code, output } = await refusal(changes);
    expect(code).not.toBe(0);
    expect(code).not.toBe("running");
    expect(output).toContain("WEBHOOK_SECRET");
    expect(output).not.toContain("Listening on");
  });

  it.each([
    ["PRIVATE_KEY is not a PEM key", { PRIVATE_KEY_PATH: undefined, PRIVATE_KEY: "not-a-key" }, "PRIVATE_KEY"],
    ["PRIVATE_KEY has PEM markers around garbage", { PRIVATE_KEY_PATH: undefined, PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nbm90IGEga2V5\\n-----END RSA PRIVATE KEY-----" }, "PRIVATE_KEY"],
    ["PRIVATE_KEY_PATH names no file", { PRIVATE_KEY_PATH: "/nonexistent/app.pem" }, "PRIVATE_KEY_PATH"],
    ["APP_ID is not a number", { APP_ID: "my-app" }, "APP_ID"],
    ["APP_ID is set without a key", { PRIVATE_KEY_PATH: undefined }, "PRIVATE_KEY"],
    ["a key is set without APP_ID", { APP_ID: undefined }, "APP_ID"],
  ])("exits, never in setup mode, when %s", async (_case, changes, variable) => {
    // Outside production, where Probot would fall back into setup mode and look alive.
    const { code, output } = await refusal({ NODE_ENV: undefined, ...changes });
    expect(code).not.toBe(0);
    expect(code).not.toBe("running");
    expect(output).toContain(variable);
    expect(output).not.toMatch(/setup mode/i);
    expect(output).not.toContain("Listening on");
  });

  it("exits naming APP_ID and PRIVATE_KEY when GitHub refuses the pair (401 on GET /app)", async () => {
    const { code, output } = await refusal({});
    expect(code).not.toBe(0);
    expect(code).not.toBe("running");
    expect(output).toContain("APP_ID");
    expect(output).toContain("PRIVATE_KEY");
    expect(output).toContain("401");
    expect(github.requests.some((request) => request.method === "GET" && request.path === "/app")).toBe(true);
  });

  it("names DATABASE_URL, its host but not its password, when it is malformed or unreachable", async () => {
    const malformed = await refusal({ ...(await noGitHub()), DATABASE_URL: "postgres//pitwall:hunter2-canary@db.example:5432" });
    expect(malformed.code).not.toBe(0);
    expect(malformed.code).not.toBe("running");
    expect(malformed.output).toContain("DATABASE_URL");
    expect(malformed.output).not.toContain("hunter2-canary");

    const closed = await freePort();
    const refused = await refusal({ ...(await noGitHub()), DATABASE_URL: `postgres://pitwall:hunter2-canary@127.0.0.1:${closed}/pitwall`, LOG_LEVEL: "debug" });
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBe("running");
    expect(refused.output).toContain("DATABASE_URL");
    expect(refused.output).toContain(`127.0.0.1:${closed}`);
    expect(refused.output).not.toContain("hunter2-canary");
  });

  it("gives up on a database server that never answers within its time limit, naming DATABASE_URL", async () => {
    const silent = await silentServer();
    try {
      const { code, seconds, output } = await refusal({ ...(await noGitHub()), DATABASE_URL: `postgres://pitwall:hunter2-canary@127.0.0.1:${silent.port}/pitwall` });
      expect(code).not.toBe(0);
      expect(code).not.toBe("running");
      expect(seconds).toBeLessThan(bound / 1000);
      expect(output).toContain("DATABASE_URL");
      expect(output).not.toContain("hunter2-canary");
    } finally {
      await silent.close();
    }
  });

  it.each<[string, () => string]>([
    ["under a file", () => join(dir, "keys", "app.pem", "data")],
    // Linux: Node's own recursive mkdir spins there forever.
    ...(existsSync("/proc/self") ? [["somewhere no folder can be made", () => "/proc/pitwall-data"] satisfies [string, () => string]] : []),
  ])("names PITWALL_DATA_DIR when the data folder cannot be created (%s), within a time limit", async (_case, folder) => {
    const { code, seconds, output } = await refusal({ ...(await noGitHub()), PITWALL_DATA_DIR: folder() });
    expect(code).not.toBe(0);
    expect(code).not.toBe("running");
    expect(seconds).toBeLessThan(bound / 1000);
    expect(output).toContain("PITWALL_DATA_DIR");
  });

  it("still serves the registration page on a first run (no APP_ID, no key, no secret)", async () => {
    const first = mkdtempSync(join(tmpdir(), "pitwall-first-run-"));
    const port = await freePort();
    const app = startAppProcess({ PORT: String(port), HOST: "127.0.0.1", PITWALL_DATA_DIR: join(first, "data") }, { cwd: first });
    try {
      expect(await app.waitFor("Listening on", bound), app.output()).toBe(true);
      const page = await fetch(`http://127.0.0.1:${port}/probot`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Register");
    } finally {
      await app.stop();
      rmSync(first, { recursive: true, force: true });
    }
  });

  it("lets NODE_ENV=development run with Probot's default secret, and says so", async () => {
    const app = startAppProcess({ ...good, WEBHOOK_SECRET: "", NODE_ENV: "development", GHE_HOST: `127.0.0.1:${await freePort()}`, PORT: String(await freePort()), LOG_FORMAT: "json" }, { cwd: dir });
    try {
      // PGlite's first start: seconds, more on a busy machine (a wait, not a time limit under test).
      expect(await app.waitFor("Listening on", 2 * bound), app.output()).toBe(true);
      expect(app.output()).toMatch(/WEBHOOK_SECRET[^\n]*development/);
    } finally {
      await app.stop();
    }
  });
});
