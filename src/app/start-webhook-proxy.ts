import type { Logger } from "pino";
import { SmeeClient } from "smee-client";
import { describeThrown } from "./describe-thrown.ts";
import { smeeLogger } from "./smee-logger.ts";

export interface WebhookProxy {
  stop(): Promise<void>;
}

export interface WebhookProxyOptions {
  /** WEBHOOK_PROXY_URL: the smee channel GitHub delivers to. */
  url: string;
  /** Pitwall's webhook endpoint (localWebhookTarget). */
  target: string;
  log: Logger;
  /** Between attempts while the channel cannot be reached. */
  retryMs?: number;
}

// smee.io down is a development nuisance, not a reason to hammer it: EventSource alone retries every 3 s.
const defaultRetryMs = 30_000;

/**
 * Forwards the smee channel's deliveries to Pitwall (local development). Run by Pitwall, not by
 * Probot: Probot awaited the channel and `npm start` failed when smee.io could not be reached.
 * Here an unreachable channel is told once, in one error line, and retried while Pitwall runs.
 */
export function startWebhookProxy(options: WebhookProxyOptions): WebhookProxy {
  const { url, target, log } = options;
  const retryMs = options.retryMs ?? defaultRetryMs;
  let client: SmeeClient | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // Set once a failure was told: further failures stay quiet until the channel connects again.
  let told = false;
  const logger = smeeLogger(log);

  const fail = (attempt: SmeeClient, cause: unknown) => {
    // Closed: its EventSource would otherwise keep retrying every 3 s on its own.
    void attempt.stop();
    if (stopped) return;
    const reason = describeThrown(cause);
    if (told) log.debug({ cause: reason }, `webhook proxy: ${url} still cannot be reached`);
    else
      log.error(
        { webhookProxyUrl: url, cause: reason },
        `WEBHOOK_PROXY_URL: the smee channel ${url} cannot be reached (${reason}). Pitwall keeps running and retries every ${retryMs / 1000} s; webhooks GitHub sends meanwhile are not forwarded (redeliver them from the app's Advanced settings on GitHub).`,
      );
    told = true;
    timer = setTimeout(() => void connect(), retryMs).unref();
  };

  const connect = async () => {
    timer = undefined;
    let attempt: SmeeClient;
    try {
      attempt = new SmeeClient({ source: url, target, logger });
    } catch (error) {
      // Not a URL: retrying cannot help.
      log.error({ webhookProxyUrl: url }, `WEBHOOK_PROXY_URL: ${url} is not an http(s) URL (${describeThrown(error)}); Pitwall runs without the smee proxy. Set it to a channel from https://smee.io/new and restart.`);
      return;
    }
    client = attempt;
    try {
      const events = await attempt.start();
      if (stopped || client !== attempt) return void attempt.stop();
      if (told) log.info(`webhook proxy: ${url} reached again; forwarding webhooks`);
      told = false;
      events.addEventListener("error", (event) => {
        if (stopped || client !== attempt) return;
        // CLOSED: EventSource gave up (an HTTP error status); otherwise it reconnects by itself.
        if (events.readyState === events.CLOSED) fail(attempt, event);
        else if (!told) {
          told = true;
          log.warn({ webhookProxyUrl: url, cause: describeThrown(event) }, `webhook proxy: lost the smee channel ${url} (${describeThrown(event)}); reconnecting`);
        }
      });
      events.addEventListener("open", () => (told = false));
    } catch (error) {
      if (client === attempt) fail(attempt, error);
    }
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await client?.stop();
    },
  };
}
