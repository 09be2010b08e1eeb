import { createServer, type Server, type ServerResponse } from "node:http";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startWebhookProxy, type WebhookProxy } from "../../src/app/start-webhook-proxy.ts";
import { freePort } from "../../windtunnel/index.ts";

// The retry behind "Pitwall keeps running and retries" (README, Installing on GitHub): a channel that
// comes up after start-up is connected to without a restart, and the failure was told once.
describe("startWebhookProxy", () => {
  let proxy: WebhookProxy | undefined;
  let channel: Server | undefined;
  const streams: ServerResponse[] = [];
  afterEach(async () => {
    await proxy?.stop();
    for (const stream of streams.splice(0)) stream.end();
    await new Promise((resolve) => (channel ? channel.close(resolve) : resolve(undefined)));
  });

  it("connects once the channel comes up, after one error line", async () => {
    const lines: { level: number; msg: string }[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/channel`;
    proxy = startWebhookProxy({ url, target: "http://127.0.0.1:1/api/github/webhooks", log, retryMs: 300 });

    const seen = async (text: string) => {
      for (let wait = 0; wait < 100 && !lines.some((line) => line.msg.includes(text)); wait += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      return lines.some((line) => line.msg.includes(text));
    };
    expect(await seen("cannot be reached"), JSON.stringify(lines)).toBe(true);
    // Several retries fail before the channel comes up: still one error line.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    channel = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("event: ready\ndata: {}\n\n");
      streams.push(res);
    });
    await new Promise<void>((resolve) => channel?.listen(port, "127.0.0.1", resolve));

    expect(await seen(`Connected to ${url}`), JSON.stringify(lines)).toBe(true);
    expect(await seen("reached again")).toBe(true);
    const errors = lines.filter((line) => line.level >= 50);
    expect(errors, JSON.stringify(lines)).toHaveLength(1);
    expect(errors[0]?.msg).toContain("WEBHOOK_PROXY_URL");
    expect(errors[0]?.msg).toContain(url);
  });
});
