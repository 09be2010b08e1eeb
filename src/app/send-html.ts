import type { ServerResponse } from "node:http";

/** Answers with a page (every setup page is built escaped). */
export function sendHtml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(body);
}
