// The one port every model vendor sits behind. Vendors live in their own folders
// (`anthropic/`, `openai/`); the OpenAI-compatible servers (Ollama, vLLM, llama.cpp) reuse the
// OpenAI adapter with another base URL.
//
// Glossary
// - provider: a vendor endpoint we can call (`anthropic`, `openai`, `openai-compatible`).
// - model ref: `provider/model`, e.g. `anthropic/claude-sonnet-4-5`; tiers map to ordered lists of them.
// - usage: tokens normalised across vendors. `inputTokens` never includes cached tokens, so
//   input + cacheWrite + cacheRead is everything the model read.

import type { ProviderName } from "../definitions/model-names.ts";

export { providerNames, tiers, type ProviderName, type Tier } from "../definitions/model-names.ts";

export interface ModelRef {
  provider: ProviderName;
  model: string;
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the tool's input object. */
  inputSchema: Record<string, unknown>;
}

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export type ChatTurn =
  | { role: "user"; text: string }
  | { role: "assistant"; text: string; toolCalls: ToolCall[] }
  | { role: "tool"; results: { callId: string; content: string; isError?: boolean }[] };

export interface ModelRequest {
  model: string;
  system: string;
  turns: ChatTurn[];
  tools: ToolSpec[];
  maxOutputTokens: number;
  /** Force this tool to be called (structured submission). */
  toolChoice?: { name: string } | undefined;
  /** Mark the stable prefix (system + first user turn) for vendor prompt caching. */
  cachePrefix?: boolean | undefined;
}

export interface Usage {
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
}

export type StopReason = "end" | "tool_use" | "max_tokens" | "other";

export interface ModelResponse {
  provider: ProviderName;
  model: string;
  text: string;
  toolCalls: ToolCall[];
  stopReason: StopReason;
  usage: Usage;
  latencyMs: number;
}

export interface ModelProvider {
  readonly name: ProviderName;
  complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}
