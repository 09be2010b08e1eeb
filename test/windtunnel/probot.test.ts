// The real Probot 14 app stack against the fake: webhook signature check, installation auth
// through the JWT flow, context.config() via the raw contents media type, and the app's own
// comment coming back as a webhook from `pitwall[bot]`.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../../windtunnel/github/index.ts";
import { APP_ID, field, INSTALLATION_ID, keyPair, SECRET } from "./fake-github-harness.ts";

describe("a Probot app in the wind tunnel", () => {
  let gh: FakeGitHub;
  let server: Server;
  const seen: string[] = [];

  beforeAll(async () => {
    const { privateKey, publicKey } = keyPair();
    gh = await startFakeGitHub({ webhookSecret: SECRET, app: { id: APP_ID, slug: "pitwall", publicKeyPem: publicKey } });
    gh.createRepo({ owner: "acme", name: "widgets", files: { ".github/pitwall.yml": "budget_usd: 12\n" } });
    gh.installApp({ installationId: INSTALLATION_ID, account: "acme", repos: ["acme/widgets"] });
    const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({ ...defaults, throttle: { enabled: false }, retry: { enabled: false } }));
    const probot = new Probot({ appId: APP_ID, privateKey, secret: SECRET, baseUrl: gh.url, Octokit, log: pino({ level: "silent" }) });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.onAny((context) => {
          const action = field(context.payload, "action");
          seen.push(`${context.name}.${typeof action === "string" ? action : ""}:${String(field(context.payload, "sender", "login"))}`);
        });
        app.on("issues.labeled", async (context) => {
          const config = await context.config<{ budget_usd: number }>("pitwall.yml");
          await context.octokit.rest.issues.createComment(context.issue({ body: `Budget: ${config?.budget_usd ?? "none"}` }));
        });
      },
      { probot },
    );
    server = createServer((req, res) => {
      void middleware(req, res, () => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    gh.setWebhookUrl(`http://127.0.0.1:${(address satisfies AddressInfo).port}/api/github/webhooks`);
  });

  afterAll(async () => {
    await gh.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("handles a label, reads its config, comments, and receives its own comment back", async () => {
    const issue = gh.createIssue("acme/widgets", { title: "Sparkle", author: "alice" });
    gh.addLabel("acme/widgets", issue.number, "pitwall:feature", { by: "alice" });
    await gh.idle();
    // the handler's comment raises a webhook after its API call answered; wait for that one too
    for (let i = 0; i < 50 && !seen.includes("issue_comment.created:pitwall[bot]"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await gh.idle();
    }
    const comments = [...gh.state.comments.values()];
    expect(comments.map((c) => c.body)).toEqual(["Budget: 12"]);
    expect(seen).toEqual(["issues.opened:alice", "issues.labeled:alice", "issue_comment.created:pitwall[bot]"]);
    expect(gh.state.deliveries.filter((d) => d.event !== "installation").map((d) => d.status)).toEqual([200, 200, 200]);
    expect(gh.violations).toEqual([]);
    expect(gh.requests.map((r) => `${r.method} ${r.route ?? r.path} ${r.status}`)).toEqual([
      "POST /app/installations/{installation_id}/access_tokens 201",
      "GET /repos/{owner}/{repo}/contents/{path} 200",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201",
    ]);
  });
});
