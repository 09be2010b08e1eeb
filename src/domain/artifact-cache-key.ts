import { createHash } from "node:crypto";

// The artifact cache's key: a hash of everything that determines a pass's outputs —
// the agent and its version, the tier, the pass, and the whole prompt it is given (the issue
// text, the input artifacts, feedback, earlier outputs, repo files in scope), plus, for an agent
// that reads the repository with tools, the commit it reads.

export interface CacheKeyParts {
  agent: string;
  agentVersion: number;
  tier: string;
  passId: string;
  system: string;
  prompt: string;
  tools: readonly string[];
  /** The commit a tool loop reads; null for agents without tools. */
  repoAt: string | null;
}

export function artifactCacheKey(parts: CacheKeyParts): string {
  const canonical = JSON.stringify([parts.agent, parts.agentVersion, parts.tier, parts.passId, parts.system, parts.prompt, [...parts.tools], parts.repoAt]);
  return createHash("sha256").update(canonical).digest("hex");
}
