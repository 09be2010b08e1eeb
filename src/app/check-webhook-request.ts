import type { IncomingHttpHeaders } from "node:http";

// What the webhook endpoint can decide from a request's line and headers alone, before it reads a
// byte of the body. The answers keep @octokit/webhooks' node middleware's statuses and messages
// (what Probot 14 answers), and add what it lets through: blank ids, events and signatures, and
// bodies over GitHub's payload cap.

/** GitHub does not send a webhook payload over 25 MB ("Payloads are capped at 25 MB"); read as MiB so no delivery it sends is refused. */
export const webhookBodyCap = 25 * 1024 * 1024;

export interface WebhookRequestLine {
  method: string | undefined;
  pathname: string;
  headers: IncomingHttpHeaders;
}

/** A delivery whose headers are usable: its id, its event name and the signature its body must match. */
export interface DeliveryHeaders {
  kind: "delivery";
  id: string;
  name: string;
  /** The 32-byte HMAC-SHA256 the `X-Hub-Signature-256` header names. */
  signature: Buffer;
}

export interface Refusal {
  kind: "refused";
  status: number;
  error: string;
}

const jsonContentType = /^\s*(application\/json)\s*(?:;|$)/u;
const requiredHeaders = ["x-github-event", "x-hub-signature-256", "x-github-delivery"] as const;
const signatureFormat = /^sha256=([0-9a-f]{64})$/u;

export function checkWebhookRequest(request: WebhookRequestLine, cap: number = webhookBodyCap): DeliveryHeaders | Refusal {
  const refuse = (status: number, error: string): Refusal => ({ kind: "refused", status, error });
  if (request.method !== "POST") return refuse(404, `Unknown route: ${request.method ?? ""} ${request.pathname}`);
  const contentType = request.headers["content-type"];
  if (typeof contentType !== "string" || !jsonContentType.test(contentType)) return refuse(415, `Unsupported "Content-Type" header value. Must be "application/json"`);

  const missing = requiredHeaders.filter((name) => request.headers[name] === undefined);
  if (missing.length > 0) return refuse(400, `Required headers missing: ${missing.join(", ")}`);
  // A blank delivery id would be recorded as a delivery that every other blank one duplicates.
  const blank = requiredHeaders.filter((name) => String(request.headers[name]).trim() === "");
  if (blank.length > 0) return refuse(400, `Required headers empty: ${blank.join(", ")}`);
  const signature = signatureFormat.exec(String(request.headers["x-hub-signature-256"]))?.[1];
  if (signature === undefined) return refuse(400, `Malformed "X-Hub-Signature-256" header: expected "sha256=" and 64 lowercase hex digits`);

  const announced = Number(request.headers["content-length"] ?? 0);
  if (announced > cap) return refuse(413, tooLarge(cap));
  return { kind: "delivery", id: String(request.headers["x-github-delivery"]), name: String(request.headers["x-github-event"]), signature: Buffer.from(signature, "hex") };
}

export function tooLarge(cap: number): string {
  return `Payload too large: a webhook body is at most ${cap} bytes (GitHub sends at most 25 MB)`;
}
