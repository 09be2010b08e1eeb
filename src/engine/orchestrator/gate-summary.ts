import type { GateDefinition } from "../../definitions/workflow.schema.ts";

/** The `pitwall/gate` check run's stable identity: a retry or a later approval updates the same run. */
export function gateExternalId(workItemId: number, passId: string, iteration: number): string {
  return `gate:${workItemId}:${passId}:${iteration}`;
}

export interface Approval {
  actor: string;
  commitSha: string | null;
}

/** The `pitwall/gate` check run's summary: what the gate needs, what is met and what is missing. */
export function renderGateSummary(gate: GateDefinition, approvals: readonly Approval[]): string {
  const approvers = typeof gate.approvers === "string" ? `anyone with ${gate.approvers} permission` : gate.approvers.users.map((user) => `@${user}`).join(", ");
  const missing = Math.max(0, gate.required_approvals - approvals.length);
  return [
    `**Gate kind:** ${gate.kind} · **approvers:** ${approvers} · **required approvals:** ${gate.required_approvals}`,
    "",
    "**Criteria**",
    ...gate.criteria.map((criterion) => `- ${criterion}`),
    "",
    "**Met**",
    approvals.length === 0 ? "- nothing yet" : approvals.map((approval) => `- ✅ \`/approve\` by @${approval.actor}${approval.commitSha ? ` at \`${approval.commitSha.slice(0, 7)}\`` : ""}`).join("\n"),
    "",
    "**Missing**",
    missing === 0 ? "- nothing" : `- ${missing} approval${missing === 1 ? "" : "s"} (reply \`/approve\` on this pull request)`,
  ].join("\n");
}
