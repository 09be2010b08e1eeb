// The plumbing the fake model servers share: a real HTTP server on 127.0.0.1 with an ephemeral
// port, request recording, scripted replies and delays.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Usage } from "../../src/providers/types.ts";

/** One scripted answer of a fake model server. */
export interface FakeReply {
  text?: string;
  /** `rawArguments` (OpenAI only) is sent verbatim instead of the JSON of `input`, e.g. broken JSON. */
  toolCalls?: { name: string; input: unknown; rawArguments?: string }[];
  /** Normalised usage; fields left out are estimated from the request and reply. */
  usage?: Partial<Usage>;
  /** An HTTP error status (429, 500, 529...) answered with the vendor's error body. */
  status?: number;
  /** The error message for `status`. */
  error?: string;
  /** Seconds in the `retry-after` header of a 429 (default 1). */
  retryAfterSeconds?: number;
  /** End as if the output token limit was hit. */
  truncated?: boolean;
  delayMs?: number;
  /** Answer only once this settles: a test makes something happen while the model "thinks". */
  until?: Promise<unknown>;
  /** The vendor answers (and bills) the call, then the connection drops before the answer arrives. */
  lostResponse?: boolean;
}

/** One call the vendor answered and bills, whether or not its answer reached the client. */
export interface BilledCall {
  /** The vendor's id of the answer (message or completion id). */
  id: string;
  model: string;
  usage: Usage;
  /** The answer never reached the client (a `lostResponse` reply). */
  lost: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when it did not parse. */
  body: unknown;
}

export type FakeResponder = (request: RecordedRequest) => FakeReply;

export interface FakeModelServer {
  /** The base URL to hand to the vendor SDK. */
  url: string;
  requests: RecordedRequest[];
  /** What the vendor bills: every answered call, including those whose answer was lost. */
  bill: BilledCall[];
  enqueue: (...replies: FakeReply[]) => void;
  /** Answers requests when the queue is empty; undefined removes it. */
  setResponder: (fn: FakeResponder | undefined) => void;
  close: () => Promise<void>;
}

export interface HttpReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  until?: Promise<unknown>;
  /** Destroy the connection instead of answering (the answer is lost on the way). */
  lost?: boolean;
}

export interface JsonServer {
  origin: string;
  close: () => Promise<void>;
}

export async function startJsonServer(handle: (request: RecordedRequest) => HttpReply): Promise<JsonServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      let reply: HttpReply;
      try {
        reply = handle({ method: req.method ?? "GET", path: req.url ?? "/", headers: lowerCased(req), body: parseJson(raw) });
      } catch (err) {
        // A throwing responder is a test bug: answer rather than leave the SDK hanging.
        reply = { status: 500, body: { error: { message: `fake server: ${err instanceof Error ? err.message : String(err)}` } } };
      }
      const send = (): void => writeJson(res, reply);
      if (reply.until) return void reply.until.then(send, send);
      if (reply.delayMs === undefined || reply.delayMs <= 0) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, reply.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** A queue of scripted replies, then the responder, then the server's default. */
export function createReplySource(script: readonly FakeReply[] | undefined) {
  const queue: FakeReply[] = [...(script ?? [])];
  let responder: FakeResponder | undefined;
  return {
    enqueue: (...replies: FakeReply[]): void => void queue.push(...replies),
    setResponder: (fn: FakeResponder | undefined): void => void (responder = fn),
    next: (request: RecordedRequest): FakeReply | undefined => queue.shift() ?? responder?.(request),
  };
}

/** Roughly four characters a token, as vendors' own rules of thumb; never zero. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deterministic ids in the vendor's style: a prefix and a fixed-width counter. */
export function idFactory(prefix: string, width: number): () => string {
  let n = 0;
  return () => `${prefix}${(++n).toString(36).padStart(width, "0")}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function lowerCased(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function writeJson(res: ServerResponse, reply: HttpReply): void {
  // The client may have given up (timeout, abort) while the reply was delayed.
  if (res.destroyed) return;
  if (reply.lost === true) return void res.destroy();
  res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  res.end(JSON.stringify(reply.body));
}
