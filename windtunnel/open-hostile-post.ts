import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { request, type ClientRequest } from "node:http";

// A hostile webhook sender: it POSTs a body to the app's webhook endpoint bit by bit, so a test
// or the bench can see whether the app answers before the body has arrived, and how much of it
// the app let through. Nothing here signs the body.

export interface HostileAnswer {
  status: number;
  body: string;
  /** Body bytes the sender had written when the answer's headers came. */
  writtenWhenAnswered: number;
}

export interface HostilePost {
  /** Writes `bytes` more body bytes; stops early once the app has answered or closed the connection. */
  write(bytes: number): Promise<void>;
  /** Ends the body (a chunked one is then complete, whatever its size). */
  end(): void;
  /** The app's answer, or undefined if none came within `ms`. */
  answer(ms: number): Promise<HostileAnswer | undefined>;
  /** Whether the app closed the connection within `ms`. */
  closed(ms: number): Promise<boolean>;
  /** Body bytes written so far. */
  readonly written: number;
  /** Hangs up (a sender that gives up). */
  destroy(): void;
}

export interface HostilePostOptions {
  /** Announced in `Content-Length`; without it the body is sent chunked, its size unknown. */
  contentLength?: number;
  /** Headers over a well-formed delivery's (an `issues` event, a fresh delivery id, a wrong signature). */
  headers?: Record<string, string>;
}

const chunk = Buffer.alloc(1024 * 1024, "a");
const wrongSignature = `sha256=${"0".repeat(64)}`;

export function openHostilePost(url: string, options: HostilePostOptions = {}): HostilePost {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": "issues",
    "x-github-delivery": randomUUID(),
    "x-hub-signature-256": wrongSignature,
    ...(options.contentLength === undefined ? {} : { "content-length": String(options.contentLength) }),
    ...options.headers,
  };
  let written = 0;
  let gone = false;
  let answer: HostileAnswer | undefined;
  const req: ClientRequest = request(url, { method: "POST", headers, agent: false });
  req.on("error", () => {
    // The app cutting the connection off mid-body is an outcome the caller reads, not a failure.
    gone = true;
  });
  const answered = new Promise<HostileAnswer>((resolve) => {
    req.on("response", (res) => {
      const at = written;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("error", () => undefined);
      const done = () => resolve((answer = { status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), writtenWhenAnswered: at }));
      res.on("end", done);
      res.on("close", done);
    });
  });
  const socketClosed = new Promise<void>((resolve) => {
    req.on("socket", (socket) => socket.once("close", () => resolve()));
  });
  void socketClosed.then(() => (gone = true));
  req.flushHeaders();

  const within = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]).finally(() => clearTimeout(timer));
  };

  return {
    async write(bytes) {
      let left = bytes;
      while (left > 0 && !gone && answer === undefined) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        written += part.length;
        // Respect backpressure, but stop waiting as soon as the app answers or hangs up.
        if (!req.write(part)) await Promise.race([once(req, "drain").catch(() => undefined), answered, socketClosed]);
      }
    },
    end() {
      if (!gone && answer === undefined) req.end();
    },
    answer: (ms) => within(answered, ms),
    async closed(ms) {
      return (await within(socketClosed.then(() => true), ms)) ?? false;
    },
    get written() {
      return written;
    },
    destroy() {
      req.destroy();
    },
  };
}
