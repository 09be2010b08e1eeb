import type { Clock } from "../../src/domain/clock.ts";

/** The app's clock, standing still until a test moves it on (to a job's next try) instead of sleeping. */
export function movableClock(start = new Date()): Clock & { moveTo(at: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    moveTo(at) {
      now = Math.max(now, at.getTime());
    },
  };
}

/** Polls `read` until it gives a value; fails with `what` after `ms`. */
export async function waitUntil<T>(read: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
