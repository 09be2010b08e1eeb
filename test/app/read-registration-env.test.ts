import { describe, expect, it } from "vitest";
import { githubApiUrl } from "../../src/app/github-api-url.ts";
import { readRegistrationEnv } from "../../src/app/read-registration-env.ts";

describe("readRegistrationEnv", () => {
  it("creates the app under the user by default, under GH_ORG when set, on GHE_HOST when set", () => {
    expect(readRegistrationEnv({}).createAppUrl).toBe("https://github.com/settings/apps/new");
    expect(readRegistrationEnv({ GH_ORG: "acme-corp" }).createAppUrl).toBe("https://github.com/organizations/acme-corp/settings/apps/new");
    const enterprise = readRegistrationEnv({ GHE_HOST: "git.acme.test", GH_ORG: "platform" });
    expect(enterprise.createAppUrl).toBe("https://git.acme.test/organizations/platform/settings/apps/new");
    expect(enterprise.apiUrl).toBe("https://git.acme.test/api/v3");
    expect(readRegistrationEnv({}).apiUrl).toBe("https://api.github.com");
    // The API the code is traded with is the one Probot (and the start-up check) will use.
    for (const env of [{ GHE_HOST: "git.acme.test", GHE_PROTOCOL: "http" }, { GHE_HOST: " git.acme.test " }]) expect(readRegistrationEnv(env).apiUrl).toBe(githubApiUrl(env));
  });

  it("reads the public URL without its trailing slash, and Probot's port, host and webhook path", () => {
    const settings = readRegistrationEnv({ PITWALL_PUBLIC_URL: "https://pitwall.example.com/", PORT: "8080", HOST: "0.0.0.0", WEBHOOK_PATH: "/hooks" });
    expect(settings).toMatchObject({ publicUrl: "https://pitwall.example.com", port: 8080, host: "0.0.0.0", webhookPath: "/hooks" });
    expect(readRegistrationEnv({})).toMatchObject({ publicUrl: undefined, proxyUrl: undefined, port: 3000, host: undefined, webhookPath: "/api/github/webhooks", noSmeeSetup: false });
  });

  it("names the variable that is wrong", () => {
    expect(() => readRegistrationEnv({ PITWALL_PUBLIC_URL: "pitwall.example.com" })).toThrow(/PITWALL_PUBLIC_URL must be a URL/);
    expect(() => readRegistrationEnv({ PITWALL_PUBLIC_URL: "ftp://pitwall.example.com" })).toThrow(/PITWALL_PUBLIC_URL must be an http\(s\) URL/);
    expect(() => readRegistrationEnv({ WEBHOOK_PROXY_URL: "https://smee.io/x?y=1" })).toThrow(/WEBHOOK_PROXY_URL must not have a query/);
    expect(() => readRegistrationEnv({ GH_ORG: "acme/../evil" })).toThrow(/GH_ORG must be an organisation's login/);
    expect(() => readRegistrationEnv({ WEBHOOK_PATH: "hooks" })).toThrow(/WEBHOOK_PATH must start with "\/"/);
  });
});
