import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { checkWebhookRequest, webhookBodyCap } from "./check-webhook-request.ts";
import { readSignedBody } from "./read-signed-body.ts";

// Pitwall's webhook endpoint, in place of @octokit/webhooks' node middleware, which reads a whole
// body into memory, with no limit, before it checks the signature. This one refuses what the
// headers already condemn before reading, hashes the body as it arrives, stops at GitHub's 25 MB
// payload cap, and hands only a verified payload on. Its answers are the middleware's: 200 "ok",
// 202 "still processing" after 9 s, `{"error": …}` with the same statuses and messages.

export interface VerifiedDelivery {
  id: string;
  name: string;
  payload: unknown;
}

export interface WebhookGuardOptions {
  /** The webhook path, e.g. `/api/github/webhooks`; other paths are left to the next handler. */
  path: string;
  secret: string;
  /** Runs the app's handlers for a verified delivery (Probot's `webhooks.receive`). */
  receive: (delivery: VerifiedDelivery) => Promise<void>;
  log: Logger;
  cap?: number;
  /** How long the body may take to arrive; GitHub waits 10 s for an answer. */
  bodyDeadlineMs?: number;
  /** When to answer 202 while the handlers still run (the middleware's 9 s). */
  answerWithinMs?: number;
}

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function guardWebhookBody(options: WebhookGuardOptions): WebhookHandler {
  const path = withoutTrailingSlashes(options.path);
  const cap = options.cap ?? webhookBodyCap;
  return async (req, res) => {
    const pathname = pathOf(req.url ?? "/");
    if (pathname === undefined) return answer(req, res, 422, { error: `Request URL could not be parsed: ${req.url}` });
    if (pathname !== path) return false;

    const delivery = checkWebhookRequest({ method: req.method, pathname, headers: req.headers }, cap);
    const seen = { deliveryId: req.headers["x-github-delivery"], event: req.headers["x-github-event"] };
    if (delivery.kind === "refused") {
      options.log.warn({ ...seen, status: delivery.status, reason: delivery.error }, "webhook refused before reading its body");
      return answer(req, res, delivery.status, { error: delivery.error });
    }
    const body = await readSignedBody(req, { secret: options.secret, signature: delivery.signature, cap, deadlineMs: options.bodyDeadlineMs ?? 10_000 });
    if (body.kind === "gone") {
      req.socket.destroy();
      return true;
    }
    if (body.kind === "refused") {
      options.log.warn({ ...seen, status: body.status, reason: body.error }, "webhook refused");
      return answer(req, res, body.status, { error: body.error });
    }

    let payload: unknown;
    try {
      payload = JSON.parse(body.body.toString("utf8"));
    } catch {
      payload = undefined;
    }
    if (typeof payload !== "object" || payload === null) return answer(req, res, 400, { error: "SyntaxError: Invalid JSON" });
    options.log.debug(`${delivery.name} event received (id: ${delivery.id})`);
    return receiveInTime(req, res, options, { id: delivery.id, name: delivery.name, payload });
  };
}

/** The handlers run to the end; GitHub gets 202 if they take longer than `answerWithinMs`. */
async function receiveInTime(req: IncomingMessage, res: ServerResponse, options: WebhookGuardOptions, delivery: VerifiedDelivery): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), options.answerWithinMs ?? 9_000)));
  const received = options.receive(delivery).then(
    () => "ok" as const,
    (error: unknown) => error,
  );
  const outcome = await Promise.race([received, late]);
  clearTimeout(timer);
  if (outcome === "late") {
    // A failure after the 202 is still logged, as the middleware's error handlers do.
    void received.then((result) => {
      if (result !== "ok") options.log.error({ err: result, deliveryId: delivery.id, event: delivery.name }, "webhook handler failed after the 202");
    });
    return answer(req, res, 202, "still processing\n");
  }
  if (outcome === "ok") return answer(req, res, 200, "ok\n");
  options.log.error({ err: outcome, deliveryId: delivery.id, event: delivery.name }, "webhook handler failed");
  const first = firstError(outcome);
  return answer(req, res, first.status, { error: first.message });
}

/** Like the middleware: the first of the handlers' errors, its name and message, its status or 500. */
function firstError(error: unknown): { status: number; message: string } {
  const first: unknown = error instanceof AggregateError ? [...(error.errors as unknown[])][0] : error;
  if (!(first instanceof Error)) return { status: 500, message: "Error: An Unspecified error occurred" };
  const status = (first as Error & { status?: unknown }).status;
  return { status: typeof status === "number" ? status : 500, message: first.message ? `${first.name}: ${first.message}` : "Error: An Unspecified error occurred" };
}

/** How long a refused sender gets to read the answer before the connection is cut. */
const lingerMs = 1_000;

/**
 * Sends an answer; when the body has not been read to its end, also hangs up. Closing a socket
 * that still has unread bytes resets it, and the reset can reach the sender before the answer
 * does: so the answer goes out with a FIN, whatever still arrives is dropped unread (nothing is
 * kept or hashed) for a moment, and then the connection is cut.
 */
function answer(req: IncomingMessage, res: ServerResponse, status: number, body: string | { error: string }): true {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  if (!req.complete) {
    res.once("finish", () => {
      req.resume();
      req.socket.end();
      setTimeout(() => req.socket.destroy(), lingerMs).unref();
    });
  }
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", accept: "application/json", "content-length": String(Buffer.byteLength(text)) }).end(text);
  return true;
}

function pathOf(url: string): string | undefined {
  try {
    return new URL(withoutTrailingSlashes(url), "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

function withoutTrailingSlashes(path: string): string {
  return path.replace(/\/+$/u, "") || "/";
}
