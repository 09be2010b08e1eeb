import type { Sql } from "./sql.ts";

/**
 * Records that an event on GitHub (by its identity: `review:123`, …) was taken up. Returns false
 * when it was already: a late webhook after the sweep, or the sweep after the webhook, changes nothing.
 */
export async function recordHandledEvent(sql: Sql, key: string): Promise<boolean> {
  const rows = await sql.query<{ key: string }>("insert into handled_events (key) values ($1) on conflict (key) do nothing returning key", [key]);
  return rows.length === 1;
}
