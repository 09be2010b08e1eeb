export interface WebhookUrlSettings {
  publicUrl: string | undefined;
  proxyUrl: string | undefined;
  webhookPath: string;
}

/**
 * The webhook URL GitHub is given at registration: the public URL's webhook endpoint (production),
 * else the smee channel, which forwards to the webhook endpoint (development). Undefined when
 * there is neither: GitHub could not reach this machine.
 */
export function registrationWebhookUrl(settings: WebhookUrlSettings): string | undefined {
  if (settings.publicUrl !== undefined) return `${settings.publicUrl.replace(/\/+$/, "")}${settings.webhookPath}`;
  return settings.proxyUrl;
}
