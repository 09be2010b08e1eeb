// Writes a response with the headers GitHub sends on every API answer (media type, API
// version, request id, rate limit), so clients that read them find them.
import type { ServerResponse } from "node:http";
import type { RouteResponse } from "./route.ts";

export function standardHeaders(now: Date, requestCounter: number): Record<string, string> {
  const reset = Math.floor(now.getTime() / 1000) + 3600;
  return {
    "x-github-media-type": "github.v3; format=json",
    "x-github-api-version-selected": "2022-11-28",
    "x-github-request-id": `WT00:${requestCounter.toString(16).toUpperCase().padStart(6, "0")}`,
    "x-ratelimit-limit": "5000",
    // never 0: a throttling client would wait for a reset that a fake never needs
    "x-ratelimit-remaining": String(4999 - ((requestCounter - 1) % 4999)),
    "x-ratelimit-reset": String(reset),
    "x-ratelimit-used": String(requestCounter),
    "x-ratelimit-resource": "core",
  };
}

export function writeResponse(res: ServerResponse, response: RouteResponse, now: Date, requestNumber: number): void {
  const headers: Record<string, string> = { ...standardHeaders(now, requestNumber), ...response.headers };
  if (response.text) {
    res.writeHead(response.status, { ...headers, "content-type": response.text.contentType, "content-length": String(response.text.content.length) });
    res.end(response.text.content);
    return;
  }
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const body = Buffer.from(JSON.stringify(response.body));
  res.writeHead(response.status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": String(body.length) });
  res.end(body);
}
