import { separatedRoles, type GateDefinition, type SeparationRole } from "../definitions/workflow.schema.ts";
import type { GateVerdict } from "../domain/evaluate-gate.ts";

/** The `pitwall/gate` check run's stable identity: a retry or a later approval updates the same run. */
export function gateExternalId(workItemId: number, passId: string, iteration: number): string {
  return `gate:${workItemId}:${passId}:${iteration}`;
}

export interface GateSummaryInput {
  gate: GateDefinition;
  verdict: GateVerdict;
  initiator: string;
  /** What changed since the last approval, when approvals went stale. */
  sinceApproval?: { from: string; files: string[]; url: string } | undefined;
  /** The merge is left to a person (`merge: human`). */
  humanMerge?: boolean;
}

/** The `pitwall/gate` check run's summary: what the gate needs, what is met and what is missing. */
export function renderGateSummary(input: GateSummaryInput): string {
  const { gate, verdict } = input;
  const approvers = typeof gate.approvers === "string" ? `anyone with ${gate.approvers} permission` : gate.approvers.users.map((user) => `@${user}`).join(", ");
  const people =
    gate.kind === "human" || gate.kind === "both"
      ? ` · **approvers:** ${approvers}${separation(gate, input.initiator)} · **required approvals:** ${gate.required_approvals}`
      : "";
  const verifiers = gate.verifiers.length > 0 ? ` · **verifiers:** ${gate.verifiers.map((name) => `\`${name}\``).join(", ")}` : "";
  const lines = [`**Gate kind:** ${gate.kind}${people}${verifiers}`, "", "**Criteria**", ...gate.criteria.map((criterion) => `- ${criterion}`), ""];
  lines.push("**Met**", ...(verdict.satisfied.length === 0 ? ["- nothing yet"] : verdict.satisfied.map((line) => `- ✅ ${line}`)), "");
  lines.push("**Missing**", ...(verdict.missing.length === 0 ? ["- nothing"] : verdict.missing.map((line) => `- ⏳ ${line}`)));
  if (input.sinceApproval) {
    const { from, files, url } = input.sinceApproval;
    lines.push(
      "",
      `**Changed since the last approval** (at \`${from.slice(0, 7)}\`, [compare](${url})):`,
      ...(files.length === 0 ? ["- no file changes"] : files.slice(0, 50).map((file) => `- \`${file}\``)),
      ...(files.length > 50 ? [`- … and ${files.length - 50} more`] : []),
    );
  }
  if (verdict.met && input.humanMerge) lines.push("", "The gate is met. This workflow leaves the merge to a person.");
  else if (!verdict.met && (gate.kind === "human" || gate.kind === "both")) lines.push("", "Reply `/approve` on this pull request (or approve it in a review) when the criteria hold, or `/reject <why>`.");
  return lines.join("\n");
}

const separatedAs: Record<SeparationRole, (initiator: string) => string> = {
  initiator: (initiator) => `@${initiator}, who started this work item`,
  issue_author: () => "the issue's author",
  pushers: () => "anyone who pushed to this pull request",
};

/** Who the gate keeps from approving (separation of duties), for people reading the check run. */
function separation(gate: GateDefinition, initiator: string): string {
  const roles = separatedRoles(gate);
  if (roles.length === 0) return "";
  const names = roles.map((role) => separatedAs[role](initiator));
  return ` other than ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`}`;
}
