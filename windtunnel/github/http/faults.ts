// Fault injection for the app's requests: GitHub's 5xx, primary and secondary rate limits, or a
// slow answer. A faulted request never reaches its handler, so nothing changes (as when GitHub
// fails a call before applying it) — except a lost response: GitHub applies the request, then the
// connection drops before its answer arrives (a dropped connection mid-response).

export type FaultPreset = "server-error" | "bad-gateway" | "rate-limit" | "secondary-rate-limit";

export interface Fault {
  /** e.g. "POST"; any method when absent */
  method?: string;
  /** GitHub's path template, e.g. "/repos/{owner}/{repo}/issues/{issue_number}/comments"; any when absent */
  route?: string;
  /** how many matching requests fail (default 1) */
  times?: number;
  /** what to answer; absent means answer normally, only late; "lost-response" applies the request and answers nothing */
  respond?: FaultPreset | "lost-response" | { status: number; body?: unknown; headers?: Record<string, string> };
  /** only requests whose path parameters have these values, e.g. `{ username: "mallory" }` */
  params?: Record<string, string>;
  /** hold the answer this long (client timeouts) */
  delayMs?: number;
  /** hold the answer until this settles (a test orders what happens while a request waits) */
  until?: Promise<unknown>;
}

export interface FaultOutcome {
  delayMs: number;
  until: Promise<unknown> | undefined;
  response: { status: number; body: unknown; headers: Record<string, string> } | undefined;
  /** the request is applied, then the connection is destroyed without an answer */
  lost: boolean;
}

function preset(name: FaultPreset, installationId: number | undefined, now: Date): { status: number; body: unknown; headers: Record<string, string> } {
  const docs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
  switch (name) {
    case "server-error":
      return { status: 500, body: { message: "Server Error", status: "500" }, headers: {} };
    case "bad-gateway":
      return { status: 502, body: { message: "Server Error", status: "502" }, headers: {} };
    case "rate-limit":
      return {
        status: 403,
        body: { message: `API rate limit exceeded for installation ID ${installationId ?? 0}.`, documentation_url: docs, status: "403" },
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(now.getTime() / 1000) + 60) },
      };
    case "secondary-rate-limit":
      return {
        status: 403,
        body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: docs, status: "403" },
        headers: { "retry-after": "60" },
      };
  }
}

export class Faults {
  private readonly active: { fault: Fault; left: number }[] = [];

  add(fault: Fault): void {
    this.active.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.active.length = 0;
  }

  /** Consumes the first fault matching this request, if any. */
  take(method: string, route: string, installationId: number | undefined, now: Date, params: Record<string, string> = {}): FaultOutcome | undefined {
    const hit = this.active.find(
      (a) => a.left > 0 && (a.fault.method ?? method).toUpperCase() === method && (a.fault.route ?? route) === route && Object.entries(a.fault.params ?? {}).every(([name, value]) => params[name]?.toLowerCase() === value.toLowerCase()),
    );
    if (!hit) return undefined;
    hit.left--;
    const respond = hit.fault.respond;
    const lost = respond === "lost-response";
    const response = respond === undefined || respond === "lost-response" ? undefined : typeof respond === "string" ? preset(respond, installationId, now) : { body: undefined, headers: {}, ...respond };
    return { delayMs: hit.fault.delayMs ?? 0, until: hit.fault.until, response, lost };
  }
}
