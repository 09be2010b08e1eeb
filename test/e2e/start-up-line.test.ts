import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub, freePort } from "../../windtunnel/index.ts";
import { appKeyPair } from "../support/app-key-pair.ts";
import { silentServer } from "../support/silent-server.ts";
import { startAppProcess } from "../support/start-app-process.ts";

// Issue 14 point 3: `npm start` says what is running in one line (version, store, providers,
// concurrency, webhook path, public URL), and says within seconds when GitHub cannot be reached —
// and keeps running, so webhooks are recorded until it can.

// Waits, not time limits under test: PGlite's first start takes seconds, more on a busy machine.
const bound = 60_000;
const appId = 4242;
const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

describe("what npm start says is running", () => {
  let dir: string;
  let github: FakeGitHub;
  const key = appKeyPair();
  const base = () => ({ APP_ID: String(appId), PRIVATE_KEY: key.privateKey, WEBHOOK_SECRET: "a-long-webhook-secret-for-tests", NODE_ENV: "production", LOG_FORMAT: "json", HOST: "127.0.0.1" });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-start-line-"));
    github = await startFakeGitHub({ webhookSecret: "s", app: { id: appId, slug: "pitwall-test", publicKeyPem: key.publicKey } });
  });
  afterAll(async () => {
    await github?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const startupLines = (output: string) => output.split("\n").filter((line) => line.includes(`Pitwall ${version} running`));

  it("prints one start-up line with the version, store, providers, concurrency, webhook path and public URL", async () => {
    const dataDir = join(dir, "data-1");
    const app = startAppProcess(
      { ...base(), PORT: String(await freePort()), PITWALL_DATA_DIR: dataDir, GHE_HOST: new URL(github.url).host, GHE_PROTOCOL: "http", ANTHROPIC_API_KEY: "sk-ant-test", PITWALL_CONCURRENCY: "3", PITWALL_PUBLIC_URL: "https://pitwall.example.com" },
      { cwd: dir },
    );
    try {
      expect(await app.waitFor(`Pitwall ${version} running`, bound), app.output()).toBe(true);
      const lines = startupLines(app.output());
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0] ?? "{}") as { level: number; msg: string };
      expect(line.level).toBe(30);
      expect(line.msg).toContain(`PGlite in ${dataDir}`);
      expect(line.msg).toContain("providers anthropic");
      expect(line.msg).toContain("concurrency 3");
      expect(line.msg).toContain("webhook path /api/github/webhooks");
      expect(line.msg).toContain("public URL https://pitwall.example.com");
      // GitHub was asked who the app is, and answered.
      expect(line.msg).toContain("as pitwall-test");
      expect(app.output()).not.toContain("cannot be reached");
    } finally {
      await app.stop();
    }
  }, 90_000);

  it("says within seconds that GitHub cannot be reached (connection refused), names it, and keeps running", async () => {
    const closed = await freePort();
    const app = startAppProcess({ ...base(), PORT: String(await freePort()), PITWALL_DATA_DIR: join(dir, "data-2"), GHE_HOST: `127.0.0.1:${closed}`, GHE_PROTOCOL: "http" }, { cwd: dir });
    try {
      expect(await app.waitFor(`Pitwall ${version} running`, bound), app.output()).toBe(true);
      const said = app.output().split("\n").find((line) => line.includes("GitHub cannot be reached"));
      expect(said).toContain(`http://127.0.0.1:${closed}/api/v3`);
      expect(said).toContain("ECONNREFUSED");
      const line = startupLines(app.output())[0] ?? "";
      expect(line).toContain("none: set ANTHROPIC_API_KEY or OPENAI_API_KEY");
      expect(line).toContain("public URL not set");
      // Still alive and answering.
      expect(await app.exited(1_000)).toBe("running");
    } finally {
      await app.stop();
    }
  }, 90_000);

  it("gives up waiting for a GitHub that never answers after a few seconds, not minutes", async () => {
    const silent = await silentServer();
    const started = Date.now();
    const app = startAppProcess({ ...base(), PORT: String(await freePort()), PITWALL_DATA_DIR: join(dir, "data-3"), GHE_HOST: `127.0.0.1:${silent.port}`, GHE_PROTOCOL: "http" }, { cwd: dir });
    try {
      expect(await app.waitFor("GitHub cannot be reached", bound), app.output()).toBe(true);
      // A generous bound: the point is seconds, not Octokit's minutes of retries.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(app.output()).toMatch(/no answer within \d+ s/);
      expect(await app.waitFor(`Pitwall ${version} running`, bound)).toBe(true);
    } finally {
      await app.stop();
      await silent.close();
    }
  }, 90_000);
});
