import type { Logger } from "pino";
import { describeThrown } from "./describe-thrown.ts";

/**
 * The logger handed to smee-client. Its connection lines ("Error in connection" with an Event,
 * "Connection closed") repeat on every retry and say nothing readable; startWebhookProxy's replace
 * them. A delivery it could not forward stays an error.
 */
export function smeeLogger(log: Logger) {
  return {
    info: (message: unknown) => (message === "Connection closed" ? log.debug(`webhook proxy: ${message}`) : log.info(String(message))),
    error: (message: unknown, ...rest: unknown[]) =>
      message === "Error in connection" || message === "Connection closed" ? log.debug({ cause: rest.map(describeThrown).join("; ") }, `webhook proxy: ${message}`) : log.error(`webhook proxy: ${describeThrown(message)}`),
  };
}
