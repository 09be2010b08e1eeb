import type { PassDefinition } from "../../definitions/workflow.schema.ts";
import { githubLimits } from "../../domain/fit-to-limit.ts";
import type { WorkItemRecord } from "../../domain/types.ts";

/** The summary's share of the PR body, so the files and the gate's criteria that follow it are never cut. */
export const pullRequestSummaryLimit = githubLimits.body - 15_000;

/** A pass PR's body: the agent's summary, its files, and what the gate asks. */
export function pullRequestBody(item: WorkItemRecord, pass: PassDefinition, summary: string, paths: readonly string[], iteration: number): string {
  const how =
    pass.gate.kind === "human" || pass.gate.kind === "both"
      ? "reply `/approve` (or approve in a review) when all of these hold, or `/reject <why>`:"
      : pass.gate.kind === "ci"
        ? "the repository's own checks must pass on this pull request; the criteria:"
        : `the verifiers ${pass.gate.verifiers.map((name) => `\`${name}\``).join(", ")} judge these criteria:`;
  return [
    `Pass **${pass.id}** of the \`${item.workflow}\` workflow for #${item.issueNumber}${iteration > 1 ? ` — iteration ${iteration}` : ""}.`,
    "",
    summary,
    "",
    `**Files:** ${paths.map((path) => `\`${path}\``).join(", ")}`,
    "",
    `**Gate (${pass.gate.kind}):** ${how}`,
    ...pass.gate.criteria.map((criterion) => `- [ ] ${criterion}`),
    ...(pass.deploy ? ["", `Pitwall deploys this pull request's head to \`${pass.deploy.environment}\`; the gate waits for the deployment to succeed.`] : []),
    "",
    `Part of #${item.issueNumber}. Opened by Pitwall.`,
  ].join("\n");
}
