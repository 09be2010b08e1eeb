// Sends webhooks one at a time, in the order GitHub raised them, after the API response that
// caused them. Each POST is signed, recorded in `state.deliveries` with the app's answer, and
// given up after 10 s as GitHub does.
import { randomUUID } from "node:crypto";
import { signatures } from "./sign.ts";
import { isoSeconds } from "../core/ids.ts";
import type { World } from "../core/world.ts";
import type { DeliveryRecord } from "../types.ts";

export interface DelivererOptions {
  secret: string;
  hookId: number;
  timeoutMs: number;
  onDelivery: (delivery: DeliveryRecord) => void;
}

export interface Delivery {
  event: string;
  payload: Record<string, unknown>;
  guid?: string;
  redelivery?: boolean;
}

interface Queued {
  delivery: Delivery;
  resolve: (record: DeliveryRecord) => void;
}

export class Deliverer {
  url: string | undefined;
  private readonly world: World;
  private readonly options: DelivererOptions;
  private readonly queue: Queued[] = [];
  private posting = false;
  private paused = false;
  /** Deliveries to lose (fault injection), each matched once: event and, when given, action. */
  private readonly drops: { event: string; action: string | undefined }[] = [];
  private waiters: (() => void)[] = [];
  private readonly stopped = new AbortController();

  constructor(world: World, url: string | undefined, options: DelivererOptions) {
    this.world = world;
    this.url = url;
    this.options = options;
  }

  /** Queues a POST; resolves with the record once the app has answered (or the POST failed). */
  send(delivery: Delivery): Promise<DeliveryRecord> {
    return new Promise((resolve) => {
      this.queue.push({ delivery, resolve });
      this.pump();
    });
  }

  /** Deliveries queued or being POSTed. */
  get inFlight(): number {
    return this.queue.length + (this.posting ? 1 : 0);
  }

  /** Holds deliveries back (fault injection: late or reordered webhooks). */
  pause(): void {
    this.paused = true;
  }

  /** Sends what was held, in the order raised or reversed. */
  resume(order: "raised" | "reversed" = "raised"): void {
    if (order === "reversed") this.queue.reverse();
    this.paused = false;
    this.pump();
  }

  /**
   * Loses the next delivery of `event` (and `action`, when given): it is recorded as failed with
   * "timed out", as GitHub records a delivery the app did not answer in time, and never retried.
   */
  dropNext(event: string, action?: string): void {
    this.drops.push({ event, action });
  }

  /** Drops what is queued and aborts the POST in flight (the fake is closing). */
  stop(): void {
    this.paused = true;
    this.stopped.abort();
    for (const queued of this.queue.splice(0)) queued.resolve(this.record(queued.delivery, queued.delivery.guid ?? "", "the fake GitHub closed"));
    this.notify();
  }

  /** Resolves when nothing is being POSTed and nothing is queued (or the queue is paused). */
  idle(): Promise<void> {
    return this.settled() ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private settled(): boolean {
    return !this.posting && (this.queue.length === 0 || this.paused);
  }

  private pump(): void {
    if (this.posting || this.paused) return this.notify();
    const next = this.queue.shift();
    if (!next) return this.notify();
    this.posting = true;
    void this.post(next.delivery).then((record) => {
      this.posting = false;
      next.resolve(record);
      this.pump();
    });
  }

  private notify(): void {
    if (this.settled()) for (const resolve of this.waiters.splice(0)) resolve();
  }

  private record(delivery: Delivery, guid: string, error: string | null): DeliveryRecord {
    return {
      guid,
      event: delivery.event,
      action: typeof delivery.payload.action === "string" ? delivery.payload.action : undefined,
      payload: delivery.payload,
      redelivery: delivery.redelivery ?? false,
      status: null,
      error,
      durationMs: 0,
      deliveredAt: isoSeconds(this.world.now()),
    };
  }

  /** Whether this delivery is one to lose; a matched drop is used up. */
  private takeDrop(delivery: Delivery): boolean {
    const action = typeof delivery.payload.action === "string" ? delivery.payload.action : undefined;
    const index = this.drops.findIndex((drop) => drop.event === delivery.event && (drop.action === undefined || drop.action === action));
    if (index < 0 || delivery.redelivery) return false;
    this.drops.splice(index, 1);
    return true;
  }

  private async post(delivery: Delivery): Promise<DeliveryRecord> {
    if (this.takeDrop(delivery)) {
      const lost = this.record(delivery, delivery.guid ?? randomUUID(), "timed out");
      this.world.state.deliveries.push(lost);
      this.options.onDelivery(lost);
      return lost;
    }
    const body = JSON.stringify(delivery.payload);
    const guid = delivery.guid ?? randomUUID();
    const sig = signatures(this.options.secret, body);
    const started = performance.now();
    const record = this.record(delivery, guid, null);
    try {
      if (this.url === undefined) throw new Error("no webhook URL is set");
      const response = await fetch(this.url, {
        method: "POST",
        body,
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.stopped.signal]),
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/windtunnel",
          "x-github-event": delivery.event,
          "x-github-delivery": guid,
          "x-github-hook-id": String(this.options.hookId),
          "x-github-hook-installation-target-id": String(this.world.app.id),
          "x-github-hook-installation-target-type": "integration",
          "x-hub-signature": sig.sha1,
          "x-hub-signature-256": sig.sha256,
        },
      });
      await response.arrayBuffer();
      record.status = response.status;
    } catch (error) {
      record.error = error instanceof Error && error.name === "TimeoutError" ? "timed out" : String(error instanceof Error ? (error.cause ?? error.message) : error);
    }
    record.durationMs = Math.round(performance.now() - started);
    this.world.state.deliveries.push(record);
    this.options.onDelivery(record);
    return record;
  }
}
