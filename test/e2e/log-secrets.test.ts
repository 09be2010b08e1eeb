import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "../../src/store/create-scratch-database.ts";
import { startFakeGitHub, type FakeGitHub, startFakeAnthropic, type FakeModelServer, scriptedAgentReply, freePort } from "../../windtunnel/index.ts";
import { appKeyPair } from "../support/app-key-pair.ts";
import { startAppProcess, type AppProcess } from "../support/start-app-process.ts";

// Issue 14 point 4: no secret in any log line. `npm start` runs at `debug` with canary values in
// every secret setting, in both log formats, receives requests that carry secrets in their headers
// (the dashboard token, a cookie, a proxy credential, a webhook signature), and runs a real work
// item against the fake GitHub and a fake Anthropic (installation tokens and the model key in
// Octokit's and the SDK's requests): no canary may appear anywhere in stdout or stderr.

const appId = 4242;
const repo = "acme/rocket";
const key = appKeyPair();
const canary = {
  webhookSecret: "whsec-canary-7f3a9c2e5b1d4a86",
  anthropicKey: "canary-anthropic-key-5d8e1f2a9b3c",
  dashboardToken: "canary-dashboard-token-91b4c7e2",
  cookie: "canary-cookie-3e8d1a6f0b",
  proxyCredential: "canary-proxy-credential-6a2f9d",
  signature: "c0ffee".repeat(10) + "abcd",
  databasePassword: "canary-db-password-4b7e1c",
};
// Every line of the key's body is a secret too.
const keyLines = key.privateKey.split("\n").filter((line) => line.length > 20 && !line.startsWith("-----"));

function leaks(output: string): string[] {
  const found = Object.entries(canary).filter(([, value]) => output.includes(value)).map(([name]) => name);
  if (keyLines.some((line) => output.includes(line))) found.push("privateKey");
  return found;
}

describe.each(["json", "pretty"])("no secret in the %s log at debug level", (format) => {
  let dir: string;
  let github: FakeGitHub;
  let anthropic: FakeModelServer;
  let app: AppProcess;
  let appUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-log-secrets-"));
    github = await startFakeGitHub({ webhookSecret: canary.webhookSecret, app: { id: appId, slug: "pitwall", publicKeyPem: key.publicKey } });
    anthropic = await startFakeAnthropic({ apiKey: canary.anthropicKey });
    anthropic.setResponder(scriptedAgentReply);
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = startAppProcess(
      {
        APP_ID: String(appId),
        PRIVATE_KEY: key.privateKey,
        WEBHOOK_SECRET: canary.webhookSecret,
        ANTHROPIC_API_KEY: canary.anthropicKey,
        ANTHROPIC_BASE_URL: anthropic.url,
        PITWALL_DASHBOARD_TOKEN: canary.dashboardToken,
        NODE_ENV: "production",
        LOG_FORMAT: format,
        LOG_LEVEL: "debug",
        HOST: "127.0.0.1",
        PORT: String(port),
        PITWALL_DATA_DIR: join(dir, "data"),
        GHE_HOST: new URL(github.url).host,
        GHE_PROTOCOL: "http",
      },
      { cwd: dir },
    );
    expect(await app.waitFor("Listening on", 40_000), app.output()).toBe(true);
    github.setWebhookUrl(`${appUrl}/api/github/webhooks`);
    github.createUser({ login: "alice" });
    github.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n" } });
    github.installApp({ installationId: 777, account: "acme", repos: [repo] });
    github.setPermission(repo, "alice", "write");
  }, 60_000);
  // What every app process of this format runs with; a test adds its own store.
  const appSettings = async () => ({
    APP_ID: String(appId),
    PRIVATE_KEY: key.privateKey,
    WEBHOOK_SECRET: canary.webhookSecret,
    NODE_ENV: "production",
    LOG_FORMAT: format,
    LOG_LEVEL: "debug",
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    GHE_HOST: new URL(github.url).host,
    GHE_PROTOCOL: "http",
  });
  afterAll(async () => {
    await app?.stop();
    await Promise.all([github?.close(), anthropic?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every canary out of stdout and stderr while requests carry secrets in their headers", async () => {
    const cost = await fetch(`${appUrl}/api/pitwall/cost`, {
      headers: { authorization: `Bearer ${canary.dashboardToken}`, cookie: `session=${canary.cookie}`, "proxy-authorization": `Basic ${canary.proxyCredential}`, "x-api-key": canary.anthropicKey },
    });
    expect(cost.status).toBe(200);
    const forged = JSON.stringify({ action: "labeled", label: { name: "bug" } });
    const refused = await fetch(`${appUrl}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": randomUUID(), "x-hub-signature-256": `sha256=${canary.signature}`, authorization: `token ${canary.webhookSecret}` },
      body: forged,
    });
    expect(refused.status).toBe(400);
    // A real delivery, signed by the fake GitHub with the secret: the app asks GitHub for an
    // installation token and calls the model with its key.
    const issue = github.createIssue(repo, { title: "Crash on start", body: "It crashes.", author: "alice" });
    github.addLabel(repo, issue.number, "pitwall:bug", { by: "alice" });
    expect(await app.waitFor(/GitHub request: POST \S*\/app\/installations\/777\/access_tokens/, 30_000), "Octokit's debug request lines are in the log").toBe(true);
    for (let wait = 0; wait < 300 && anthropic.requests.length === 0; wait += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(anthropic.requests.length, "the model was called with the key").toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const output = app.output();
    // The requests were logged (pino-http), so the check is not vacuous.
    expect(output).toContain("GET /api/pitwall/cost 200");
    expect(output).toContain("POST /api/github/webhooks 400");
    expect(leaks(output)).toEqual([]);
  }, 90_000);

  // With a PostgreSQL server for tests (`.ci/run` starts one): the app runs on it with the canary as password.
  it.runIf(process.env.PITWALL_TEST_DATABASE_URL)("keeps the DATABASE_URL password out of a running app's log, start-up line included", async () => {
    const scratch = await createScratchDatabase(process.env.PITWALL_TEST_DATABASE_URL ?? "", "pitwall_test");
    const url = new URL(scratch.url);
    url.password = canary.databasePassword;
    const running = startAppProcess(
      {
        ...(await appSettings()),
        DATABASE_URL: url.toString(),
      },
      { cwd: dir },
    );
    try {
      expect(await running.waitFor("running: store PostgreSQL", 40_000), running.output()).toBe(true);
      expect(running.output()).toContain(`${url.hostname}:${url.port}/${scratch.name}`);
      expect(leaks(running.output())).toEqual([]);
    } finally {
      await running.stop();
      await scratch.drop();
    }
  }, 60_000);

  it("keeps the DATABASE_URL password out of a refusal", async () => {
    const refusing = startAppProcess(
      {
        ...(await appSettings()),
        DATABASE_URL: `postgres://pitwall:${canary.databasePassword}@127.0.0.1:${await freePort()}/pitwall`,
      },
      { cwd: dir },
    );
    const code = await refusing.exited(20_000);
    expect(code).not.toBe(0);
    expect(code).not.toBe("running");
    expect(refusing.output()).toContain("DATABASE_URL");
    expect(leaks(refusing.output())).toEqual([]);
  });
});
