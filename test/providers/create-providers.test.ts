import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createProviders } from "../../src/providers/create-providers.ts";
import { describeMissingProviders } from "../../src/providers/describe-missing-providers.ts";
import type { ModelRequest } from "../../src/providers/types.ts";
import { startFakeAnthropic, startFakeOpenAI, type FakeModelServer } from "../../windtunnel/index.ts";

const request: ModelRequest = { model: "m", system: "", turns: [{ role: "user", text: "hi" }], tools: [], maxOutputTokens: 16 };

describe("createProviders", () => {
  let anthropic: FakeModelServer;
  let openai: FakeModelServer;
  let compatible: FakeModelServer;
  beforeAll(async () => {
    [anthropic, openai, compatible] = await Promise.all([startFakeAnthropic(), startFakeOpenAI(), startFakeOpenAI()]);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.all([anthropic.close(), openai.close(), compatible.close()]);
  });

  it.each([
    { env: {}, names: [] },
    { env: { ANTHROPIC_API_KEY: "sk-ant-1" }, names: ["anthropic"] },
    { env: { OPENAI_API_KEY: "sk-1" }, names: ["openai"] },
    { env: { OPENAI_COMPATIBLE_BASE_URL: "http://localhost:11434/v1" }, names: ["openai-compatible"] },
    { env: { OPENAI_COMPATIBLE_API_KEY: "only-a-key" }, names: [] },
    { env: { ANTHROPIC_API_KEY: "  ", OPENAI_API_KEY: "", OPENAI_BASE_URL: "http://x/v1" }, names: [] },
    {
      env: { ANTHROPIC_API_KEY: "a", OPENAI_API_KEY: "b", OPENAI_COMPATIBLE_BASE_URL: "http://localhost:8000/v1" },
      names: ["anthropic", "openai", "openai-compatible"],
    },
  ])("configures $names from $env", ({ env, names }) => {
    const providers = createProviders(env);
    expect([...providers.keys()]).toEqual(names);
    for (const [name, provider] of providers) expect(provider.name).toBe(name);
  });

  it("never reads process.env", () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-from-env");
    vi.stubEnv("OPENAI_API_KEY", "sk-from-env");
    expect(createProviders({}).size).toBe(0);
  });

  it("wires keys and base URLs through to each vendor", async () => {
    const providers = createProviders(
      {
        ANTHROPIC_API_KEY: "sk-ant-wired",
        ANTHROPIC_BASE_URL: anthropic.url,
        OPENAI_API_KEY: "sk-wired",
        OPENAI_BASE_URL: openai.url,
        OPENAI_COMPATIBLE_BASE_URL: compatible.url,
      },
      { maxRetries: 0 },
    );
    await Promise.all([...providers.values()].map((p) => p.complete(request)));
    expect(anthropic.requests[0]?.headers.authorization).toBe("Bearer sk-ant-wired");
    expect(openai.requests[0]?.headers.authorization).toBe("Bearer sk-wired");
    expect(compatible.requests[0]?.headers.authorization).toBe("Bearer not-needed");
  });
});

describe("describeMissingProviders", () => {
  it("names every variable when nothing is configured", () => {
    const message = describeMissingProviders();
    expect(message).toContain("No model provider is configured");
    for (const name of ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_COMPATIBLE_BASE_URL"]) expect(message).toContain(name);
  });

  it("names only what is missing", () => {
    const message = describeMissingProviders(["anthropic"]);
    expect(message).not.toContain("ANTHROPIC_API_KEY");
    expect(message).toContain("OPENAI_API_KEY");
    expect(message).toContain("OPENAI_COMPATIBLE_BASE_URL");
  });

  it("says so when everything is configured", () => {
    expect(describeMissingProviders(createProviders({ ANTHROPIC_API_KEY: "a", OPENAI_API_KEY: "b", OPENAI_COMPATIBLE_BASE_URL: "http://h/v1" }).keys())).toBe(
      "All model providers are configured.",
    );
  });
});
