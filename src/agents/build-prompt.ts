import type { Agent } from "../definitions/definition-set.ts";
import type { PassDefinition } from "../definitions/workflow.schema.ts";
import type { Budgeted } from "./assemble-context.ts";
import { quoteUntrusted } from "./untrusted-text.ts";

export interface PassContext {
  repo: string;
  issue: { number: number; title: string; body: string };
  /** Earlier passes' artifacts by name, when the agent's scopes include `artifacts`. */
  artifacts: Record<string, string>;
  /** Reviewers' feedback from a rejected earlier iteration. */
  feedback?: string | undefined;
  /** This pass's outputs as the previous iteration left them, to revise rather than restart. */
  previousOutputs?: Record<string, string> | undefined;
  /** `repo_files`: files of the base commit, within budget. */
  repoFiles?: Budgeted | undefined;
  /** `pr_diff`: the pass PR's changes so far (a rework), within budget. */
  prDiff?: Budgeted | undefined;
  /** `review_feedback`: people's reviews on the pass PR. */
  reviews?: Budgeted | undefined;
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
  const scoped: [scope: "repo_files" | "pr_diff" | "review_feedback", what: string, content: Budgeted | undefined][] = [
    ["repo_files", "file", context.repoFiles],
    ["pr_diff", "diff of", context.prDiff],
    ["review_feedback", "review", context.reviews],
  ];
  for (const [scope, what, content] of scoped) {
    if (!content || !agent.context.includes(scope)) continue;
    for (const item of content.included) parts.push(quoteUntrusted(`${what} ${item.label}`, item.text));
    if (content.omitted.length > 0) parts.push(`Left out of your context for size (${scope}): ${content.omitted.join(", ")}. Read them with your tools if you hold them, or say in your summary what you could not check.`);
  }
  // Feedback on this very pass (a rejection, failed CI, verifier findings) always goes back to
  // the agent that must act on it; it is still people's text, so it is quoted.
  for (const [name, text] of Object.entries(context.previousOutputs ?? {})) parts.push(quoteUntrusted(`your previous iteration's ${name}`, text));
  if (context.feedback) parts.push(quoteUntrusted("feedback on your previous iteration", context.feedback));
  parts.push(`Gate criteria your work will be judged against:\n${pass.gate.criteria.map((criterion) => `- ${criterion}`).join("\n")}`);
  parts.push(`Produce: ${pass.outputs.join(", ")}. Submit with the submit_artifacts tool.`);
  return { system: agent.prompt, user: parts.join("\n\n") };
}

export interface VerifierContext {
  repo: string;
  /** The work item's issue, when the verifier's scopes include `issue`. */
  issue?: { number: number; title: string; body: string } | undefined;
  passId: string;
  criteria: readonly string[];
  /** The pass's inputs (earlier artifacts), to judge the outputs against. */
  inputs: Record<string, string>;
  /** The pass's outputs at the commit under review. */
  outputs: Record<string, string>;
  /** Files the pass changed, with their new content where it was read (code passes). */
  changedFiles: { path: string; content?: string | undefined }[];
  /** Files left out of `changedFiles` contents for size, named so the verifier knows. */
  omitted: string[];
}

/** The prompt of a gate verifier: judge the pass's outputs and diff against the gate's criteria. */
export function buildVerifierPrompt(agent: Agent, context: VerifierContext): { system: string; user: string } {
  const parts = [
    `Repository: ${context.repo}`,
    `You are verifying pass "${context.passId}" as a gate verifier. Judge only against these criteria:\n${context.criteria.map((criterion) => `- ${criterion}`).join("\n")}`,
  ];
  if (context.issue && agent.context.includes("issue")) parts.push(quoteUntrusted(`issue #${context.issue.number}`, `# ${context.issue.title}\n\n${context.issue.body}`));
  for (const [name, text] of Object.entries(context.inputs)) parts.push(quoteUntrusted(`input artifact ${name}`, text));
  for (const [name, text] of Object.entries(context.outputs)) parts.push(quoteUntrusted(`artifact ${name} (under review)`, text));
  if (context.changedFiles.length > 0) {
    parts.push(`Files changed by the pass: ${context.changedFiles.map((file) => file.path).join(", ")}`);
    for (const file of context.changedFiles) if (file.content !== undefined) parts.push(quoteUntrusted(`file ${file.path}`, file.content));
  }
  if (context.omitted.length > 0) parts.push(`Left out for size (not shown to you): ${context.omitted.join(", ")}. Say so in your summary if it matters.`);
  parts.push("Submit your verdict with the submit_verdict tool: pass only if every criterion holds.");
  return { system: agent.prompt, user: parts.join("\n\n") };
}
