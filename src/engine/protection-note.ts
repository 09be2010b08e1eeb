import type { PassDefinition } from "../definitions/workflow.schema.ts";

export interface ProtectionFacts {
  exists: boolean;
  requiredChecks: readonly string[];
  requiredApprovals: number;
}

/**
 * What the default branch's protection lacks for GitHub itself to enforce Pitwall's gates, as
 * advice for an admin; `null` when nothing is missing. Without protection Pitwall still merges
 * only when a gate is met, but a person could merge a pass PR early.
 */
export function protectionNote(branch: string, pass: PassDefinition, protection: ProtectionFacts): string | null {
  const wantsReview = pass.gate.kind === "human" || pass.gate.kind === "both";
  if (!protection.exists) {
    return `Branch \`${branch}\` has no branch protection, so GitHub would let anyone merge a pass PR before its gate is met. An admin should protect \`${branch}\` and require the status check \`pitwall/gate\`${wantsReview ? " and at least 1 approving review" : ""}, plus the repository's own CI checks.`;
  }
  const missing: string[] = [];
  if (!protection.requiredChecks.includes("pitwall/gate")) missing.push("the status check `pitwall/gate`");
  if (wantsReview && protection.requiredApprovals < 1) missing.push("at least 1 approving review");
  // Without required CI checks a `ci` gate can only wait for the checks that have reported, and a
  // slow job that has not started yet would be missed.
  if (pass.gate.kind === "ci" && !protection.requiredChecks.some((name) => !name.startsWith("pitwall/"))) missing.push("the repository's own CI checks (a `ci` gate waits only for the checks it knows of)");
  return missing.length === 0 ? null : `Branch protection on \`${branch}\` does not require ${missing.join(" or ")}; an admin should add ${missing.length === 1 ? "it" : "them"} so GitHub enforces the gates.`;
}
