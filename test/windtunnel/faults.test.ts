// Fault injection: failed and slow API calls change nothing; held webhooks arrive late and
// can be reordered, as GitHub does not guarantee order.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { field, startHarness, statusOf, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };
const commentsRoute = "/repos/{owner}/{repo}/issues/{issue_number}/comments";

describe("fault injection", () => {
  let h: Harness;
  let server: Server;
  const received: string[] = [];

  beforeEach(async () => {
    received.length = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const payload: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        received.push(`${String(req.headers["x-github-event"])}.${String(field(payload, "action"))}`);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    h = await startHarness({ webhookUrl: `http://127.0.0.1:${(address satisfies AddressInfo).port}/` });
    h.gh.createIssue("acme/widgets", { title: "Sparkle", author: "alice" });
    await h.gh.idle();
    received.length = 0;
  });
  afterEach(async () => {
    await h.gh.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("fails the next matching call with a 500 and applies nothing", async () => {
    h.gh.injectFault({ method: "POST", route: commentsRoute, respond: "server-error" });
    expect(await statusOf(h.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "card" }))).toMatchObject({ status: 500 });
    expect(h.gh.state.comments.size).toBe(0);
    expect((await h.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "card" })).status).toBe(201);
    expect(h.gh.state.comments.size).toBe(1);
  });

  it("applies a write and then drops the connection without answering (a lost response)", async () => {
    h.gh.injectFault({ method: "POST", route: commentsRoute, respond: "lost-response" });
    const lost = await h.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "card" }).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(Error);
    // GitHub applied it: the comment is there, and the log says its answer was lost.
    expect([...h.gh.state.comments.values()].map((comment) => comment.body)).toEqual(["card"]);
    expect(h.gh.requests.filter((request) => request.lost === true)).toHaveLength(1);
    expect((await h.octokit.rest.issues.listComments({ ...repo, issue_number: 1 })).data).toHaveLength(1);
  });

  it("answers a secondary rate limit with retry-after", async () => {
    h.gh.injectFault({ route: commentsRoute, respond: "secondary-rate-limit", times: 2 });
    for (let i = 0; i < 2; i++) {
      const limited = await h.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "x" }).catch((error: unknown) => error);
      expect(field(limited, "status")).toBe(403);
      expect(field(limited, "response", "headers", "retry-after")).toBe("60");
    }
    expect((await h.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "x" })).status).toBe(201);
  });

  it("answers late so a client timeout fires", async () => {
    h.gh.injectFault({ method: "GET", route: "/repos/{owner}/{repo}", delayMs: 500 });
    const slow = h.octokit.rest.repos.get({ ...repo, request: { signal: AbortSignal.timeout(50) } });
    await expect(slow).rejects.toThrow();
    expect((await h.octokit.rest.repos.get(repo)).status).toBe(200);
  });

  it("holds webhooks and releases them reversed", async () => {
    h.gh.pauseDeliveries();
    h.gh.addLabel("acme/widgets", 1, "pitwall", { by: "alice" });
    h.gh.comment("acme/widgets", 1, "/status", { by: "alice" });
    await h.gh.idle();
    expect(received).toEqual([]);
    expect(h.gh.inFlight()).toBe(2);
    h.gh.resumeDeliveries("reversed");
    await h.gh.idle();
    expect(received).toEqual(["issue_comment.created", "issues.labeled"]);
  });
});
