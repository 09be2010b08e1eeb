import { createHmac } from "node:crypto";
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Probot } from "probot";
import { guardWebhookBody } from "./guard-webhook-body.ts";

/**
 * Puts Pitwall's webhook guard where Probot's webhook middleware would be. Probot's `Server`
 * (under `npm start`, the demo and the wind tunnel alike) and its `createNodeMiddleware` ask the
 * app for that middleware after loading the app function, so the guard answers on the webhook
 * path and Probot never reads a webhook body itself; verified deliveries go to the app's handlers
 * through `webhooks.receive`, unchanged.
 */
export async function installWebhookGuard(app: Probot, secret: string): Promise<void> {
  // The guard verifies with the secret Pitwall read; a Probot given another one is a wiring mistake.
  const probe = "pitwall webhook guard";
  if ((await app.webhooks.sign(probe)) !== `sha256=${createHmac("sha256", secret).update(probe).digest("hex")}`) {
    throw new Error("the webhook secret Pitwall read (WEBHOOK_SECRET) is not the one Probot was given");
  }
  const log = app.log.child({ name: "webhooks" });
  app.getNodeMiddleware = ({ path } = {}) =>
    Promise.resolve(guardWebhookBody({ path: path ?? app.webhookPath, secret, log, receive: (delivery) => app.webhooks.receive(delivery as EmitterWebhookEvent) }));
}
