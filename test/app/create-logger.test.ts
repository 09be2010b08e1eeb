import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/create-logger.ts";

// The app's logger never prints a credential (by value, wherever it is) nor a body or token field
// (by path, whatever it holds), at any level.

const githubToken = "ghp_Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9";
const awsKey = "AKIAQ7ZP3KX9LM2NV4RT";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { lines, log: createLogger({ level: "debug" }, stream) };
}

describe("createLogger", () => {
  it("redacts credentials by value in messages, format arguments, nested objects and errors", () => {
    const { lines, log } = capture();
    const error = Object.assign(new Error(`GitHub refused ${githubToken}`), { status: 422, detail: { hint: `key ${awsKey}` } });
    log.debug({ job: { payload: { note: `token ${githubToken}`, list: [awsKey] } } }, `starting with ${awsKey}`);
    log.info("reason: %s", `use ${githubToken}`);
    log.error({ err: error }, "job failed");
    log.child({ name: "github" }).warn({ reason: `@carol: ${githubToken}` }, "blocked");
    const all = lines.join("");
    expect(lines).toHaveLength(4);
    expect(all).not.toContain(githubToken);
    expect(all).not.toContain(awsKey);
    expect(all).toContain("[REDACTED:github-token]");
    expect(all).toContain("[REDACTED:aws-access-key-id]");
    // The error is still serialised as an error, with its own fields.
    expect(JSON.parse(lines[2] ?? "{}")).toMatchObject({ err: { type: "Error", message: "GitHub refused [REDACTED:github-token]", status: 422, detail: { hint: "key [REDACTED:aws-access-key-id]" } } });
  });

  it("censors bodies, webhook payload texts and credentials by path, whatever they hold", () => {
    const { lines, log } = capture();
    log.debug({ body: "people's words", output: { title: "t", summary: "a summary" }, tree: [{ path: "a.md", content: "file text" }] }, "GitHub request: POST /repos/acme/rocket/issues/1/comments - 201");
    log.debug({ event: { id: "1", name: "issue_comment", payload: { comment: { body: "a comment" }, issue: { title: "a title", body: "an issue" } } } }, "Webhook received");
    log.debug({ request: { headers: { authorization: "token ghs_short" } }, token: "v1.abc", privateKey: "-----BEGIN…" }, "auth");
    log.debug({ body: "other words" }, "a line of Pitwall's own");
    const all = lines.join("");
    for (const text of ["people's words", "a summary", "file text", "a comment", "a title", "an issue", "ghs_short", "v1.abc", "BEGIN", "other words"]) expect(all).not.toContain(text);
    // Issue 13: a request's body and a webhook's payload are dropped whole, not censored field by field.
    const [request, webhook] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(Object.keys(request ?? {}).sort()).toEqual(["hostname", "level", "msg", "name", "pid", "time"]);
    expect(webhook?.["event"]).toEqual({ id: "1", name: "issue_comment" });
    expect(all).toContain('"body":"[REDACTED]"');
  });

  it("leaves the logged objects as they were", () => {
    const { log } = capture();
    const payload = { body: `token ${githubToken}`, nested: { note: githubToken } };
    log.debug(payload, "request");
    expect(payload).toEqual({ body: `token ${githubToken}`, nested: { note: githubToken } });
  });

  describe.each(["json", "pretty"] as const)("in the %s format", (format) => {
    const canaries = ["canary-bearer-1a2b3c", "canary-cookie-4d5e6f", "canary-proxy-7a8b9c", "c0ffee0c0ffee0", "canary-api-key-0d1e2f", "canary-password-3a4b5c", "canary-token-6d7e8f"];
    const run = () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString("utf8"));
          done();
        },
      });
      const log = createLogger({ level: "debug", format }, stream);
      const headers = { authorization: `Bearer ${canaries[0]}`, cookie: `s=${canaries[1]}`, "proxy-authorization": `Basic ${canaries[2]}`, "x-hub-signature-256": `sha256=${canaries[3]}`, "x-api-key": canaries[4], accept: "*/*" };
      // pino-http binds the request to a child logger: no hook sees bindings, only paths do.
      log.child({ name: "http", req: { method: "GET", url: "/api/pitwall/cost", headers } }).info({ res: { statusCode: 200 } }, "GET /api/pitwall/cost 200");
      log.debug({ headers }, "incoming");
      // Octokit's errors carry the request; fields named like credentials anywhere below.
      const error = Object.assign(new Error("Bad credentials"), { status: 401, request: { headers: { ...headers } }, response: { request: { headers: { ...headers } } } });
      log.error({ err: error, config: { database: { password: canaries[5] }, deep: { deeper: { deepest: { token: canaries[6], apiKey: canaries[4] } } } } }, "request failed");
      return lines.join("");
    };

    it("prints no credential header, credential field or error's request header, at any depth", () => {
      const all = run();
      expect(all).toContain("GET /api/pitwall/cost 200");
      expect(all).toContain("request failed");
      expect(canaries.filter((canary) => all.includes(canary))).toEqual([]);
    });
  });
});
