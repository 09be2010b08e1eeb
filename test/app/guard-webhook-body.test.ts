import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { guardWebhookBody, type VerifiedDelivery } from "../../src/app/guard-webhook-body.ts";
import { openHostilePost } from "../../windtunnel/index.ts";

// The guard alone over real HTTP, with small limits: what it answers once the headers passed, and
// what reaches the app's handlers (only verified payloads). The app's wiring is tested end to end
// in test/e2e/webhook-endpoint.test.ts.

const secret = "guard-secret";
const cap = 64 * 1024;
let received: VerifiedDelivery[] = [];
let behaviour: (delivery: VerifiedDelivery) => Promise<void> = () => Promise.resolve();
let server: Server;
let url: string;

const sign = (body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const post = (body: string, path = "/api/github/webhooks", signature = sign(body)) =>
  fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "d-1", "x-hub-signature-256": signature }, body });

beforeAll(async () => {
  const guard = guardWebhookBody({
    path: "/api/github/webhooks",
    secret,
    cap,
    bodyDeadlineMs: 500,
    answerWithinMs: 300,
    log: pino({ level: "silent" }),
    receive: (delivery) => {
      received.push(delivery);
      return behaviour(delivery);
    },
  });
  server = createServer((req, res) => {
    void guard(req, res).then((handled) => handled || res.writeHead(404).end("next handler"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  behaviour = () => Promise.resolve();
});

describe("guardWebhookBody", () => {
  it("hands a verified payload to the handlers and answers 200 ok, on the path with or without a trailing slash", async () => {
    for (const path of ["/api/github/webhooks", "/api/github/webhooks/", "/api/github/webhooks?x=1"]) {
      const response = await post(JSON.stringify({ action: "labeled" }), path);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("ok\n");
    }
    expect(received).toEqual(Array.from({ length: 3 }, () => ({ id: "d-1", name: "issues", payload: { action: "labeled" } })));
  });

  it("leaves other paths to the next handler without touching them", async () => {
    const response = await post("{}", "/ping");
    expect(await response.text()).toBe("next handler");
    expect(received).toEqual([]);
  });

  it("accepts a body of exactly the cap and refuses one byte more with 413, unseen by the handlers", async () => {
    const exact = JSON.stringify({ pad: "x".repeat(cap - 10) });
    expect(Buffer.byteLength(exact)).toBe(cap);
    expect((await post(exact)).status).toBe(200);
    const over = openHostilePost(`${url}/api/github/webhooks`);
    await over.write(cap + 1);
    expect((await over.answer(2_000))?.status).toBe(413);
    expect(await over.closed(2_000)).toBe(true);
    expect(received).toHaveLength(1);
  });

  it("refuses a signed body that is not a JSON object as @octokit/webhooks does, unseen by the handlers", async () => {
    for (const body of ["{not json", "1", "null"]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "SyntaxError: Invalid JSON" });
    }
    expect(received).toEqual([]);
  });

  it("answers a failing handler with its error's status and message, 500 without one", async () => {
    behaviour = () => Promise.reject(new AggregateError([Object.assign(new Error("nope"), { status: 422 })], "nope"));
    const failed = await post("{}");
    expect(failed.status).toBe(422);
    expect(await failed.json()).toEqual({ error: "Error: nope" });
    behaviour = () => Promise.reject(new TypeError("broken"));
    const broken = await post("{}");
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ error: "TypeError: broken" });
  });

  it("answers 202 still processing when the handlers take longer than the answer time, and lets them finish", async () => {
    let finished = false;
    behaviour = () =>
      new Promise((resolve) =>
        setTimeout(() => {
          finished = true;
          resolve();
        }, 600),
      );
    const response = await post("{}");
    expect(response.status).toBe(202);
    expect(await response.text()).toBe("still processing\n");
    expect(finished).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(finished).toBe(true);
  });

  it("refuses a body that has not arrived by the deadline with 408 and hangs up", async () => {
    const slow = openHostilePost(`${url}/api/github/webhooks`, { contentLength: 1000 });
    await slow.write(10);
    const answer = await slow.answer(2_000);
    expect(answer?.status).toBe(408);
    expect(await slow.closed(2_000)).toBe(true);
    expect(received).toEqual([]);
  });

  it("forgets a body whose sender hangs up half way", async () => {
    const quitter = openHostilePost(`${url}/api/github/webhooks`, { contentLength: 1000 });
    await quitter.write(100);
    quitter.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post("{}")).status).toBe(200);
    expect(received).toHaveLength(1);
  });
});
