import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { startFakeGitHub, type FakeGitHub, startFakeAnthropic, type FakeModelServer, freePort } from "../../windtunnel/index.ts";
import { appKeyPair } from "../support/app-key-pair.ts";
import { startAppProcess, type AppProcess } from "../support/start-app-process.ts";

// Issue 16, graceful SIGTERM. On main a hung model call held `docker stop` for minutes (the stop
// waited for running jobs, the SDK's timeout is 10 minutes) and the HTTP server stopped first, so
// webhooks were refused while it waited. Now: the worker stops claiming, running jobs get a short
// grace (PITWALL_STOP_GRACE_SECONDS), then their model calls are aborted and the jobs handed back
// to the queue; webhooks are still recorded meanwhile; the store is closed cleanly.

const appId = 4242;
const repo = "acme/rocket";
const secret = "a-long-webhook-secret-for-tests";

describe("SIGTERM while a model call hangs", () => {
  const key = appKeyPair();
  let dir: string;
  let github: FakeGitHub;
  let anthropic: FakeModelServer;
  let app: AppProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-stop-hung-"));
    github = await startFakeGitHub({ webhookSecret: secret, app: { id: appId, slug: "pitwall", publicKeyPem: key.publicKey } });
    anthropic = await startFakeAnthropic();
    // Every model call hangs: far longer than the grace.
    anthropic.setResponder(() => ({ until: new Promise(() => undefined) }));
  });
  afterAll(async () => {
    await app?.stop();
    await Promise.all([github?.close(), anthropic?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("exits within the grace, hands the job back to the queue, still records webhooks and closes the data folder", async () => {
    const port = await freePort();
    const dataDir = join(dir, "data");
    app = startAppProcess({
      APP_ID: String(appId),
      PRIVATE_KEY: key.privateKey,
      WEBHOOK_SECRET: secret,
      ANTHROPIC_API_KEY: "sk-ant-stop-test",
      ANTHROPIC_BASE_URL: anthropic.url,
      PITWALL_STOP_GRACE_SECONDS: "2",
      HOST: "127.0.0.1",
      PORT: String(port),
      PITWALL_DATA_DIR: dataDir,
      GHE_HOST: new URL(github.url).host,
      GHE_PROTOCOL: "http",
    });
    expect(await app.waitFor("Listening on", 40_000), app.output()).toBe(true);
    github.setWebhookUrl(`http://127.0.0.1:${port}/api/github/webhooks`);
    github.createUser({ login: "alice" });
    github.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n" } });
    github.installApp({ installationId: 777, account: "acme", repos: [repo] });
    github.setPermission(repo, "alice", "write");
    const issue = github.createIssue(repo, { title: "Add search", body: "Search by name.", author: "alice" });
    github.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
    for (let wait = 0; wait < 300 && anthropic.requests.length === 0; wait += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(anthropic.requests.length, app.output()).toBeGreaterThan(0);

    const stoppedAt = Date.now();
    app.signal("SIGTERM");
    // A person comments while Pitwall drains: GitHub delivers, and never redelivers by itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const comment = github.comment(repo, issue.number, "Any news?", { by: "alice" });
    await github.idle();
    expect(await app.exited(30_000), app.output()).toBe(0);
    const tookMs = Date.now() - stoppedAt;
    // The grace (2 s) and the abort, not the hung call's minutes.
    expect(tookMs).toBeLessThan(10_000);
    const delivery = github.state.deliveries.find((one) => one.event === "issue_comment" && (one.payload.comment as { id: number }).id === comment.id);
    expect(delivery?.status, `the comment's delivery during the drain: ${delivery?.error ?? ""}`).toBeGreaterThanOrEqual(200);
    expect(delivery?.status).toBeLessThan(300);
    expect(readdirSync(dataDir)).not.toContain("postmaster.pid");

    // The data folder opens again (closed cleanly) and holds the handed-back job and the delivery.
    const sql = await openStore({ dataDir });
    try {
      const jobs = await sql.query<{ status: string; locked_by: string | null; attempts: number }>("select status, locked_by, attempts from jobs where kind = 'run_pass'");
      expect(jobs).toEqual([{ status: "queued", locked_by: null, attempts: 0 }]);
      const rows = await sql.query<{ delivery_id: string }>("select delivery_id from webhook_deliveries where delivery_id = $1", [delivery?.guid ?? ""]);
      expect(rows).toHaveLength(1);
    } finally {
      await sql.close();
    }
  }, 120_000);
});
