import { describe, expect, it } from "vitest";
import { registrationWebhookUrl } from "../../src/app/registration-webhook-url.ts";

describe("registrationWebhookUrl", () => {
  const webhookPath = "/api/github/webhooks";

  it("gives the public URL's webhook endpoint first (production), whatever the proxy", () => {
    expect(registrationWebhookUrl({ publicUrl: "https://pitwall.example.com/", proxyUrl: "https://smee.io/x", webhookPath })).toBe("https://pitwall.example.com/api/github/webhooks");
    expect(registrationWebhookUrl({ publicUrl: "https://example.com/pitwall", proxyUrl: undefined, webhookPath: "/hooks" })).toBe("https://example.com/pitwall/hooks");
  });

  it("gives the smee channel as it is (it forwards to the webhook path), else nothing", () => {
    expect(registrationWebhookUrl({ publicUrl: undefined, proxyUrl: "https://smee.io/x", webhookPath })).toBe("https://smee.io/x");
    expect(registrationWebhookUrl({ publicUrl: undefined, proxyUrl: undefined, webhookPath })).toBeUndefined();
  });
});
