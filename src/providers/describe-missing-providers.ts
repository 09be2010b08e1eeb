// What to set for each provider not configured: plain text, so decision code can say it without
// reaching the adapters that build clients.
import { providerNames, type ProviderName } from "./types.ts";

const howToConfigure: Readonly<Record<ProviderName, string>> = {
  anthropic: "Anthropic: set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL only for a proxy, without /v1).",
  openai: "OpenAI: set OPENAI_API_KEY (and OPENAI_BASE_URL only for a proxy, with /v1).",
  "openai-compatible":
    "Ollama, vLLM or llama.cpp: set OPENAI_COMPATIBLE_BASE_URL, e.g. http://localhost:11434/v1 " +
    "(and OPENAI_COMPATIBLE_API_KEY if the server wants one).",
};

/** A message for the maintainer naming the environment variables of the providers not configured. */
export function describeMissingProviders(configured: Iterable<ProviderName> = []): string {
  const have = new Set(configured);
  const missing = providerNames.filter((name) => !have.has(name));
  if (missing.length === 0) return "All model providers are configured.";
  const lines = missing.map((name) => `- ${howToConfigure[name]}`);
  const head =
    have.size === 0
      ? "No model provider is configured, so no agent can run. Configure at least one in the app's environment:"
      : `Configured: ${[...have].join(", ")}. To add another provider:`;
  return [head, ...lines].join("\n");
}
