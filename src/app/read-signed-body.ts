import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { tooLarge, type Refusal } from "./check-webhook-request.ts";

export type SignedBody = { kind: "verified"; body: Buffer } | Refusal | { kind: "gone" };

export interface SignedBodyLimits {
  secret: string;
  /** The HMAC-SHA256 the sender claims for the body (32 bytes). */
  signature: Buffer;
  cap: number;
  /** The whole body must have arrived by then. */
  deadlineMs: number;
}

/** What @octokit/webhooks answers to a body that does not match its signature (Probot keeps it). */
export const signatureMismatch = "Error: [@octokit/webhooks] signature does not match event payload and secret";

/**
 * Reads a webhook body while hashing it, as its bytes arrive, and stops reading the moment it
 * crosses `cap` or `deadlineMs` passes: nothing beyond the cap is held, and an unsigned body is
 * never handed on. On a refusal the request is left paused; the caller answers and hangs up.
 */
export function readSignedBody(req: IncomingMessage, limits: SignedBodyLimits): Promise<SignedBody> {
  return new Promise((resolve) => {
    const hmac = createHmac("sha256", limits.secret);
    let chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: SignedBody) => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onClose);
      if (outcome.kind !== "verified") {
        req.pause();
        chunks = [];
      }
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.cap) return finish({ kind: "refused", status: 413, error: tooLarge(limits.cap) });
      hmac.update(chunk);
      chunks.push(chunk);
    };
    const onEnd = () => {
      const digest = hmac.digest();
      // Both are 32 bytes: the header's format was checked before reading.
      if (!timingSafeEqual(digest, limits.signature)) return finish({ kind: "refused", status: 400, error: signatureMismatch });
      finish({ kind: "verified", body: Buffer.concat(chunks, size) });
    };
    const onGone = () => finish({ kind: "gone" });
    const onClose = () => {
      if (!req.complete) onGone();
    };
    // GitHub gives up on a delivery after 10 seconds: a body still arriving later is not GitHub's.
    const timer = setTimeout(() => finish({ kind: "refused", status: 408, error: `The body did not arrive within ${limits.deadlineMs / 1000} s` }), limits.deadlineMs);
    req.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onClose);
  });
}
