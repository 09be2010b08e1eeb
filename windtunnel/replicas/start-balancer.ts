// The load balancer in front of the replicas: the fake GitHub's webhook URL points here, and each
// delivery goes to the next live replica in turn (round robin). Faults of the network between
// GitHub and the app live here too: a delivery can be dropped (GitHub never retries it), or held
// and released later in any order. A delivery that fails on one replica (it was killed) is sent to
// the next: deliveries are idempotent by their X-GitHub-Delivery id, which is the inbox's contract.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface BalancedDelivery {
  deliveryId: string;
  event: string;
  /** The replica that answered, or undefined when dropped or none answered. */
  replica: number | undefined;
  status: number;
}

export interface HeldDelivery {
  deliveryId: string;
  event: string;
  body: Buffer;
  headers: IncomingHttpHeaders;
  path: string;
}

export interface Balancer {
  /** Where GitHub should POST: `${origin}/api/github/webhooks`. */
  webhookUrl: string;
  /** The replicas' origins by index; undefined while one is down. */
  setTarget(index: number, origin: string | undefined): void;
  /** Deliveries answered so far, in the order they were answered. */
  readonly answered: BalancedDelivery[];
  /** Deliveries dropped so far. */
  readonly dropped: BalancedDelivery[];
  /** Drops each delivery for which `decide` says so (GitHub records a failure and never retries); undefined stops dropping. */
  dropWhen(decide: ((delivery: { deliveryId: string; event: string; action: string | undefined }) => boolean) | undefined): void;
  /** Answers GitHub at once and keeps the deliveries until `release`. */
  hold(): void;
  /** Sends the held deliveries one at a time, in the order `order` returns (as held by default), and stops holding. */
  release(order?: (held: HeldDelivery[]) => HeldDelivery[]): Promise<void>;
  /** Stops holding and hands over what was held, undelivered (to be delivered later with `deliver`, in any order). */
  takeHeld(): HeldDelivery[];
  /** Delivers these one at a time, in this order (held ones again, as many times as wanted: their ids are the same). */
  deliver(deliveries: readonly HeldDelivery[]): Promise<void>;
  /** Deliveries being forwarded now (held ones are parked, not in flight). */
  inFlight(): number;
  /** Deliveries held now. */
  heldCount(): number;
  close(): Promise<void>;
}

export async function startBalancer(): Promise<Balancer> {
  const targets: (string | undefined)[] = [];
  const answered: BalancedDelivery[] = [];
  const dropped: BalancedDelivery[] = [];
  let held: HeldDelivery[] | undefined;
  let decideDrop: Parameters<Balancer["dropWhen"]>[0];
  let next = 0;
  let forwarding = 0;

  /** Tries each live replica from the next in turn; the first that answers wins. */
  const forward = async (delivery: HeldDelivery): Promise<{ replica: number | undefined; status: number; body: Buffer }> => {
    forwarding += 1;
    try {
      for (let tried = 0; tried < Math.max(1, targets.length) * 2; tried += 1) {
        const index = next++ % Math.max(1, targets.length);
        const origin = targets[index];
        if (origin === undefined) continue;
        const answer = await post(origin, delivery).catch(() => undefined);
        if (answer) return { replica: index, ...answer };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { replica: undefined, status: 502, body: Buffer.from(JSON.stringify({ message: "no replica answered" })) };
    } finally {
      forwarding -= 1;
    }
  };

  const takeHeld = () => {
    const taken = held ?? [];
    held = undefined;
    return taken;
  };
  const deliver = async (deliveries: readonly HeldDelivery[]) => {
    forwarding += 1;
    try {
      for (const delivery of deliveries) {
        const answer = await forward(delivery);
        answered.push({ deliveryId: delivery.deliveryId, event: delivery.event, replica: answer.replica, status: answer.status });
      }
    } finally {
      forwarding -= 1;
    }
  };

  const server = createServer((req, res) => {
    void readAll(req).then(async (body) => {
      const delivery: HeldDelivery = { deliveryId: header(req.headers, "x-github-delivery"), event: header(req.headers, "x-github-event"), body, headers: req.headers, path: req.url ?? "/" };
      const action = actionOf(body);
      if (decideDrop?.({ deliveryId: delivery.deliveryId, event: delivery.event, action })) {
        dropped.push({ deliveryId: delivery.deliveryId, event: delivery.event, replica: undefined, status: 504 });
        // As if the request timed out on the way: GitHub records a failure and moves on.
        res.writeHead(504, { "content-type": "application/json" }).end(JSON.stringify({ message: "dropped by the wind tunnel" }));
        return;
      }
      if (held) {
        held.push(delivery);
        res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ message: "held by the wind tunnel" }));
        return;
      }
      const answer = await forward(delivery);
      answered.push({ deliveryId: delivery.deliveryId, event: delivery.event, replica: answer.replica, status: answer.status });
      if (!res.destroyed) res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    webhookUrl: `${origin}/api/github/webhooks`,
    setTarget: (index, target) => void (targets[index] = target),
    answered,
    dropped,
    dropWhen: (decide) => void (decideDrop = decide),
    hold: () => void (held ??= []),
    release(order = (deliveries) => deliveries) {
      return deliver(order(takeHeld()));
    },
    takeHeld,
    deliver,
    inFlight: () => forwarding,
    heldCount: () => held?.length ?? 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function post(origin: string, delivery: HeldDelivery): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...delivery.headers, host: new URL(origin).host, "content-length": String(delivery.body.length) };
    const req = httpRequest(`${origin}${delivery.path}`, { method: "POST", headers, timeout: 10_000 }, (res) => {
      void readAll(res).then((body) => resolve({ status: res.statusCode ?? 0, body }), reject);
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end(delivery.body);
  });
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

function actionOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { action?: unknown };
    return typeof parsed.action === "string" ? parsed.action : undefined;
  } catch {
    return undefined;
  }
}
