// Builds the providers the maintainer configured. The environment is passed in, never read from
// process.env here, so tests and the wind tunnel can hand in their own.
import { createAnthropicProvider } from "./anthropic/anthropic-provider.ts";
import { createOpenAIProvider } from "./openai/openai-provider.ts";
import { defaultCallTimeLimitMs, limitCallTime } from "./limit-call-time.ts";
import type { ModelProvider, ProviderName } from "./types.ts";

export interface ProviderEnv {
  ANTHROPIC_API_KEY?: string | undefined;
  ANTHROPIC_BASE_URL?: string | undefined;
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_COMPATIBLE_BASE_URL?: string | undefined;
  OPENAI_COMPATIBLE_API_KEY?: string | undefined;
}

export interface ProviderClientOptions {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  now?: (() => number) | undefined;
  /** How long one model call may take in all (`limitCallTime`); 2 minutes by default. */
  callTimeLimitMs?: number | undefined;
}

// Blank values count as unset: `FOO=` in a .env file is a common way to leave one out.
function value(v: string | undefined): string | undefined {
  const trimmed = v?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

export function createProviders(env: ProviderEnv, client: ProviderClientOptions = {}): Map<ProviderName, ModelProvider> {
  // The SDKs' own retries are off unless asked for: each of their attempts may be billed, yet the
  // ledger (which wraps a provider) would see them all as one call. Pitwall retries instead, one
  // ledgered call per attempt: another model of the tier, the job's wait (WaitError), and short
  // retries of a call in the middle of a tool loop (agents/retry-mid-run.ts).
  client = { ...client, maxRetries: client.maxRetries ?? 0 };
  const providers = new Map<ProviderName, ModelProvider>();
  const anthropicKey = value(env.ANTHROPIC_API_KEY);
  if (anthropicKey !== undefined) {
    providers.set("anthropic", createAnthropicProvider({ ...client, apiKey: anthropicKey, baseURL: value(env.ANTHROPIC_BASE_URL) }));
  }
  const openaiKey = value(env.OPENAI_API_KEY);
  if (openaiKey !== undefined) {
    providers.set(
      "openai",
      createOpenAIProvider({ ...client, name: "openai", apiKey: openaiKey, baseURL: value(env.OPENAI_BASE_URL) }),
    );
  }
  const compatibleURL = value(env.OPENAI_COMPATIBLE_BASE_URL);
  if (compatibleURL !== undefined) {
    providers.set(
      "openai-compatible",
      createOpenAIProvider({
        ...client,
        name: "openai-compatible",
        apiKey: value(env.OPENAI_COMPATIBLE_API_KEY),
        baseURL: compatibleURL,
      }),
    );
  }
  const limitMs = client.callTimeLimitMs ?? defaultCallTimeLimitMs;
  for (const [name, provider] of providers) providers.set(name, limitCallTime(provider, limitMs));
  return providers;
}
