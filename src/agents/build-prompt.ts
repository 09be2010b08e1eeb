import type { Agent } from "../definitions/definition-set.ts";
import type { PassDefinition } from "../definitions/workflow.schema.ts";
import { quoteUntrusted } from "./untrusted-text.ts";

export interface PassContext {
  repo: string;
  issue: { number: number; title: string; body: string };
  /** Earlier passes' artifacts by name, when the agent's scopes include `artifacts`. */
  artifacts: Record<string, string>;
  /** Reviewers' feedback from a rejected earlier iteration. */
  feedback?: string | undefined;
}

/**
 * The system prompt and the first user turn of an agent run, assembled only from the agent's
 * declared context scopes. Everything that comes from GitHub users is quoted as data.
 */
export function buildPrompt(agent: Agent, pass: PassDefinition, context: PassContext): { system: string; user: string } {
  const parts: string[] = [`Repository: ${context.repo}`, `Pass: ${pass.id}${pass.description ? ` — ${pass.description}` : ""}`];
  if (agent.context.includes("issue")) {
    parts.push(quoteUntrusted(`issue #${context.issue.number}`, `# ${context.issue.title}\n\n${context.issue.body}`));
  }
  if (agent.context.includes("artifacts")) {
    for (const input of pass.inputs.filter((name) => name !== "issue")) {
      const text = context.artifacts[input];
      parts.push(text === undefined ? `(The input artifact ${input} is missing.)` : quoteUntrusted(`artifact ${input}`, text));
    }
  }
  if (context.feedback && agent.context.includes("review_feedback")) parts.push(quoteUntrusted("review feedback", context.feedback));
  parts.push(`Gate criteria your work will be judged against:\n${pass.gate.criteria.map((criterion) => `- ${criterion}`).join("\n")}`);
  parts.push(`Produce: ${pass.outputs.join(", ")}. Submit with the submit_artifacts tool.`);
  return { system: agent.prompt, user: parts.join("\n\n") };
}
