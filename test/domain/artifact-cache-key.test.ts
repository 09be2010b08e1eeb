import { describe, expect, it } from "vitest";
import { artifactCacheKey, type CacheKeyParts } from "../../src/domain/artifact-cache-key.ts";

const parts: CacheKeyParts = { agent: "architect", agentVersion: 2, tier: "frontier", passId: "design", system: "You design.", prompt: "Issue… spec.md…", tools: ["read_file"], repoAt: "a".repeat(40) };

describe("artifactCacheKey", () => {
  it("is stable for the same inputs", () => {
    expect(artifactCacheKey({ ...parts })).toBe(artifactCacheKey(parts));
    expect(artifactCacheKey(parts)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<CacheKeyParts>]>([
    ["the agent", { agent: "specifier" }],
    ["the agent's version", { agentVersion: 3 }],
    ["the tier", { tier: "mid" }],
    ["the pass", { passId: "ir" }],
    ["the system prompt", { system: "You design well." }],
    ["an input artifact in the prompt", { prompt: "Issue… spec.md (edited)…" }],
    ["the tools", { tools: ["read_file", "search_text"] }],
    ["the commit a tool loop reads", { repoAt: "b".repeat(40) }],
  ])("changes with %s", (_name, change) => {
    expect(artifactCacheKey({ ...parts, ...change })).not.toBe(artifactCacheKey(parts));
  });
});
