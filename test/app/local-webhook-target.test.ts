import { describe, expect, it } from "vitest";
import { localWebhookTarget } from "../../src/app/local-webhook-target.ts";

describe("localWebhookTarget", () => {
  it("uses the address the server listens on", () => {
    expect(localWebhookTarget("127.0.0.1", 3000, "/api/github/webhooks")).toBe("http://127.0.0.1:3000/api/github/webhooks");
    expect(localWebhookTarget("[::1]", 3000, "/hooks")).toBe("http://[::1]:3000/hooks");
    expect(localWebhookTarget("::1", 3000, "/hooks")).toBe("http://[::1]:3000/hooks");
  });

  it("replaces a listen-on-everything address by loopback of the same family", () => {
    expect(localWebhookTarget("0.0.0.0", 8080, "/api/github/webhooks")).toBe("http://127.0.0.1:8080/api/github/webhooks");
    expect(localWebhookTarget("[::]", 8080, "/api/github/webhooks")).toBe("http://[::1]:8080/api/github/webhooks");
  });
});
