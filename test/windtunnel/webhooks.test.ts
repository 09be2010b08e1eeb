// Webhook delivery: signed POSTs with GitHub's headers, after the API response, in order,
// recorded with the app's answer; redelivery keeps the delivery id.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhooks } from "@octokit/webhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP_ID, field, SECRET, startHarness, type Harness } from "./fake-github-harness.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the app's webhook endpoint. */
async function receiver(answer: (r: Received) => Promise<number> | number = () => 202): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(r);
      void Promise.resolve(answer(r)).then((status) => res.writeHead(status).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the receiver has no port");
  return { url: `http://127.0.0.1:${(address satisfies AddressInfo).port}/api/github/webhooks`, received, server };
}

const eventOf = (r: Received): string => {
  const body: unknown = JSON.parse(r.body);
  const action = typeof body === "object" && body !== null && "action" in body ? String(body.action) : "";
  return `${String(r.headers["x-github-event"])}.${action}`;
};

describe("webhook delivery", () => {
  let h: Harness;
  let app: Awaited<ReturnType<typeof receiver>>;
  let answer: (r: Received) => Promise<number> | number;

  beforeEach(async () => {
    answer = () => 202;
    app = await receiver((r) => answer(r));
    h = await startHarness({ webhookUrl: app.url });
    await h.gh.idle();
    // the installation.created delivery from setup
    expect(app.received.map(eventOf)).toEqual(["installation.created"]);
    app.received.length = 0;
  });
  afterEach(async () => {
    await h.gh.close();
    app.server.closeAllConnections();
    await new Promise((resolve) => app.server.close(resolve));
  });

  it("signs deliveries so @octokit/webhooks verifies them, with GitHub's headers", async () => {
    h.gh.createIssue("acme/widgets", { title: "Sparkle", author: "alice" });
    await h.gh.idle();
    const [delivery] = app.received;
    if (!delivery) throw new Error("nothing was delivered");
    const headers = delivery.headers;
    expect(headers["x-github-event"]).toBe("issues");
    expect(headers["x-github-delivery"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(headers["user-agent"]).toMatch(/^GitHub-Hookshot\//);
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["x-github-hook-installation-target-type"]).toBe("integration");
    expect(headers["x-github-hook-installation-target-id"]).toBe(String(APP_ID));
    expect(headers["x-github-hook-id"]).toMatch(/^\d+$/);
    const signature = String(headers["x-hub-signature-256"]);
    expect(await new Webhooks({ secret: SECRET }).verify(delivery.body, signature)).toBe(true);
    expect(await new Webhooks({ secret: "wrong" }).verify(delivery.body, signature)).toBe(false);
    expect(h.gh.state.deliveries.at(-1)).toMatchObject({ event: "issues", action: "opened", status: 202, redelivery: false });
  });

  it("redelivers with the same delivery id", async () => {
    h.gh.createIssue("acme/widgets", { title: "Sparkle", author: "alice" });
    await h.gh.idle();
    const first = h.gh.state.deliveries.at(-1);
    if (!first) throw new Error("nothing was delivered");
    const again = await h.gh.redeliver(first.guid);
    expect(again).toMatchObject({ guid: first.guid, redelivery: true, status: 202 });
    expect(app.received.map((r) => r.headers["x-github-delivery"])).toEqual([first.guid, first.guid]);
    expect(app.received[1]?.body).toBe(app.received[0]?.body);
  });

  it("loses the next delivery of an event when told to: recorded as timed out, never POSTed, redeliverable", async () => {
    h.gh.dropNextDelivery("issues", "labeled");
    const issue = h.gh.createIssue("acme/widgets", { title: "Sparkle", author: "alice" });
    h.gh.addLabel("acme/widgets", issue.number, "bug", { by: "alice" });
    h.gh.addLabel("acme/widgets", issue.number, "pitwall:feature", { by: "alice" });
    await h.gh.idle();
    // Only the first issues.labeled is lost; issues.opened and the second label arrive.
    expect(app.received.map(eventOf)).toEqual(["issues.opened", "issues.labeled"]);
    const lost = h.gh.state.deliveries.filter((delivery) => delivery.error === "timed out");
    expect(lost).toMatchObject([{ event: "issues", action: "labeled", status: null, redelivery: false }]);
    expect(field(lost[0]?.payload, "label", "name")).toBe("bug");
    // GitHub's "Redeliver" of the failed delivery gets through.
    expect(await h.gh.redeliver(lost[0]!.guid)).toMatchObject({ status: 202, redelivery: true });
    expect(app.received).toHaveLength(3);
  });

  it("delivers after the API response, in the order things happened", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<number>((resolve) => (release = () => resolve(202)));
    answer = () => held;
    const comment = await h.octokit.rest.issues.create({ owner: "acme", repo: "widgets", title: "From the app", labels: ["bug"] });
    // the API answered while the app's endpoint has not answered the first webhook yet
    expect(comment.status).toBe(201);
    expect(h.gh.inFlight()).toBeGreaterThan(0);
    release();
    answer = () => 202;
    h.gh.comment("acme/widgets", comment.data.number, "/status", { by: "alice" });
    await h.gh.idle();
    expect(h.gh.inFlight()).toBe(0);
    expect(app.received.map(eventOf)).toEqual(["issues.opened", "issues.labeled", "issue_comment.created"]);
    expect(h.gh.state.deliveries.slice(-3).map((d) => `${d.event}.${d.action ?? ""}:${d.status ?? "-"}`)).toEqual([
      "issues.opened:202",
      "issues.labeled:202",
      "issue_comment.created:202",
    ]);
  });

  it("records failures: an error status, a closed endpoint and a timeout", async () => {
    answer = () => 500;
    expect(await h.gh.deliver("ping", undefined, { zen: "Keep it logically awesome." })).toMatchObject({ event: "ping", status: 500 });

    h.gh.setWebhookUrl("http://127.0.0.1:1/nowhere");
    const refused = await h.gh.deliver("issues", "opened", {});
    expect(refused.status).toBeNull();
    expect(refused.error).toBeTruthy();

    const slow = await startHarness({ webhookUrl: app.url, webhookTimeoutMs: 100 });
    try {
      answer = () => new Promise((resolve) => setTimeout(() => resolve(202), 1_000));
      const timedOut = await slow.gh.deliver("issues", "opened", {});
      expect(timedOut).toMatchObject({ status: null, error: "timed out" });
    } finally {
      await slow.gh.close();
    }
  });

  it("delivers only for repositories the app is installed on", async () => {
    h.gh.createRepo({ owner: "acme", name: "not-installed" });
    h.gh.createIssue("acme/not-installed", { title: "Quiet", author: "alice" });
    await h.gh.idle();
    expect(app.received).toEqual([]);
    expect(h.gh.state.events.at(-1)).toMatchObject({ event: "issues", action: "opened" });
  });

  it("notifies listeners of each delivery", async () => {
    const seen: string[] = [];
    h.gh.on("delivery", (d) => seen.push(`${d.event}.${d.action ?? ""}:${d.status ?? "-"}`));
    h.gh.addLabel("acme/widgets", h.gh.createIssue("acme/widgets", { title: "T", author: "alice" }).number, "pitwall", { by: "alice" });
    await h.gh.idle();
    expect(seen).toEqual(["issues.opened:202", "issues.labeled:202"]);
  });
});
