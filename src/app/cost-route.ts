import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleCostRequest } from "../domain/cost-report.ts";
import type { Clock } from "../domain/clock.ts";
import { ledgerRows } from "../store/ledger-report.ts";
import type { Sql } from "../store/sql.ts";

export const costRoutePath = "/api/pitwall/cost";

/**
 * `GET /api/pitwall/cost?by=…&period=…&repo=…`: the cost report as JSON for a dashboard. It covers
 * every installation, so it answers only with `Authorization: Bearer <PITWALL_DASHBOARD_TOKEN>`;
 * without that setting the route is off.
 */
export function costRoute(sql: Sql, token: string | undefined, clock: Clock) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://pitwall.local");
    if (url.pathname !== costRoutePath) return false;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "GET") {
      send(405, { error: "use GET" });
      return true;
    }
    if (!token) {
      send(404, { error: "the cost API is off; set PITWALL_DASHBOARD_TOKEN to turn it on" });
      return true;
    }
    if (!sameSecret(req.headers.authorization ?? "", `Bearer ${token}`)) {
      send(401, { error: "send Authorization: Bearer <PITWALL_DASHBOARD_TOKEN>" });
      return true;
    }
    try {
      const answer = await handleCostRequest(url.searchParams, (query) => ledgerRows(sql, query), clock.now());
      send(answer.status, answer.body);
    } catch {
      send(500, { error: "the cost report could not be read; see the app's log" });
    }
    return true;
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
