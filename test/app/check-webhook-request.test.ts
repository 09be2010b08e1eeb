import { describe, expect, it } from "vitest";
import { checkWebhookRequest, webhookBodyCap } from "../../src/app/check-webhook-request.ts";

// What the webhook endpoint decides from the request line and headers alone, before the body.

const signature = `sha256=${"ab".repeat(32)}`;
const headers = { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "x-hub-signature-256": signature };
const check = (over: Record<string, string | undefined>, method = "POST") =>
  checkWebhookRequest({ method, pathname: "/api/github/webhooks", headers: Object.fromEntries(Object.entries({ ...headers, ...over }).filter(([, value]) => value !== undefined)) });

describe("checkWebhookRequest", () => {
  it("lets a well-formed delivery through with its id, event and the signature's 32 bytes", () => {
    expect(check({})).toEqual({ kind: "delivery", id: headers["x-github-delivery"], name: "issues", signature: Buffer.from("ab".repeat(32), "hex") });
    expect(check({ "content-type": "application/json; charset=utf-8", "content-length": String(webhookBodyCap) }).kind).toBe("delivery");
  });

  it("answers other methods and content types as @octokit/webhooks does", () => {
    expect(check({}, "GET")).toEqual({ kind: "refused", status: 404, error: "Unknown route: GET /api/github/webhooks" });
    expect(check({ "content-type": "application/x-www-form-urlencoded" })).toEqual({ kind: "refused", status: 415, error: 'Unsupported "Content-Type" header value. Must be "application/json"' });
    expect(check({ "content-type": undefined })).toMatchObject({ status: 415 });
  });

  it("names every missing header, in @octokit/webhooks' words", () => {
    expect(check({ "x-github-event": undefined, "x-github-delivery": undefined })).toEqual({ kind: "refused", status: 400, error: "Required headers missing: x-github-event, x-github-delivery" });
  });

  it("refuses a blank delivery id, event or signature", () => {
    expect(check({ "x-github-delivery": "" })).toEqual({ kind: "refused", status: 400, error: "Required headers empty: x-github-delivery" });
    expect(check({ "x-github-delivery": "  " })).toMatchObject({ status: 400 });
    expect(check({ "x-github-event": "" })).toMatchObject({ status: 400, error: "Required headers empty: x-github-event" });
  });

  it("refuses a signature that is not sha256= and 64 lowercase hex digits", () => {
    for (const bad of ["", "sha1=abc", `sha256=${"AB".repeat(32)}`, `sha256=${"ab".repeat(31)}`, `sha256=${"ab".repeat(33)}`, `${signature}, ${signature}`, "sha256=" + "zz".repeat(32)]) {
      expect(check({ "x-hub-signature-256": bad })).toMatchObject({ kind: "refused", status: 400 });
    }
  });

  it("refuses a body announced over the cap with 413", () => {
    const refusal = check({ "content-length": String(webhookBodyCap + 1) });
    expect(refusal).toMatchObject({ kind: "refused", status: 413 });
    expect(refusal.kind === "refused" && refusal.error).toContain("25 MB");
    expect(checkWebhookRequest({ method: "POST", pathname: "/hook", headers: { ...headers, "content-length": "11" } }, 10)).toMatchObject({ status: 413 });
  });
});
