import { z } from "zod";
import { tiers } from "./model-names.ts";

// The machine-readable part of `agents/<name>.md`; the Markdown body is the
// agent's system prompt.

export const agentCategories = [
  "analyst",
  "architect",
  "specifier",
  "implementer",
  "verifier",
  "deployer",
  "monitor",
  "documenter",
  "diagnostician",
  "product",
  "design",
  "qa",
  "writer",
  "program",
] as const;

/** The repo tools an agent may hold for a tool loop (the runtime is src/agents/repo-tools.ts). */
export const repoToolNames = ["read_file", "list_files", "search_text", "write_file", "edit_file"] as const;

/** What an agent may read. Each scope is assembled by the runtime; nothing else reaches the model. */
export const contextScopes = ["issue", "artifacts", "repo_files", "ci_failures", "pr_diff", "review_feedback"] as const;

export const agentSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, "use lower-case letters, digits and dashes, starting with a letter"),
    version: z.number().int().min(1),
    category: z.enum(agentCategories),
    description: z.string().min(1),
    capabilities: z.array(z.string().min(1)).default([]),
    context: z.array(z.enum(contextScopes)).min(1, "an agent needs at least one context scope"),
    /** For the `repo_files` scope: which files of the base commit go into the context (globs). */
    context_files: z.array(z.string().min(1)).default([]),
    /** One byte budget for the whole context (issue, feedback, reviews, diff, repo files, in that order); what is cut or left out is named, never cut silently. */
    context_budget_bytes: z.number().int().min(1_000).max(2_000_000).default(120_000),
    access: z.object({ write: z.array(z.string().min(1)).default([]) }).strict(),
    tier: z.enum(tiers),
    escalation: z
      .object({
        step_up: z.boolean().default(true),
        max_tier: z.enum(tiers).default("frontier"),
        may_step_down: z.boolean().default(false),
      })
      .strict()
      .default({ step_up: true, max_tier: "frontier", may_step_down: false }),
    /** Repo tools for a tool loop; writes are proposals Pitwall checks before it commits anything. */
    tools: z.array(z.enum(repoToolNames)).default([]),
    max_output_tokens: z.number().int().min(256).max(128_000).default(8_000),
  })
  .strict();

export type AgentFrontMatter = z.infer<typeof agentSchema>;
