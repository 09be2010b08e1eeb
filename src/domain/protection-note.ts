import type { PassDefinition } from "../definitions/workflow.schema.ts";

export interface ProtectionFacts {
  /** Classic branch protection, or at least one active ruleset rule. */
  exists: boolean;
  /** Every check requirement, with the app it is pinned to (`null`: any app). */
  checks: readonly { context: string; appId: number | null }[];
  /** Approvals classic branch protection requires (no app can bypass classic protection). */
  classicApprovals: number;
  /** Rulesets that require approving reviews and that Pitwall may not bypass, by name. */
  reviewRulesetsHoldingPitwall: readonly string[];
}

const setup = 'README "Installing on GitHub"';
const cannotMerge = "so Pitwall cannot merge a pass whose agent gate passed or that was approved with `/approve`";

/**
 * What the default branch's rules lack, or have in the way, for the setup the README documents:
 * a ruleset requiring `pitwall/gate` from the Pitwall app, with Pitwall as a bypass actor (it
 * reports `pitwall/gate` as success on every pull request that is not a pass, and merges a pass
 * only when its gate is met). `null` when the setup is in place. Without it Pitwall still merges
 * only when a gate is met, but a person could merge a pass PR early.
 */
export function protectionNote(branch: string, pass: PassDefinition, protection: ProtectionFacts): string | null {
  const ciGate = pass.gate.kind === "ci";
  if (!protection.exists) {
    return `Branch \`${branch}\` has no branch protection or ruleset, so GitHub would let anyone merge a pass PR before its gate is met. An admin should add a ruleset on \`${branch}\` that requires the status check \`pitwall/gate\` from the Pitwall app${ciGate ? " and the repository's own CI checks" : ""}, with the Pitwall app as a bypass actor (${setup}).`;
  }
  const problems: string[] = [];
  const gate = protection.checks.filter((check) => check.context === "pitwall/gate");
  if (gate.length === 0) problems.push("do not require the status check `pitwall/gate`");
  else if (gate.some((check) => check.appId === null)) problems.push("require `pitwall/gate` from any app instead of the Pitwall app, so another app could report it");
  if (protection.classicApprovals > 0) {
    const n = protection.classicApprovals;
    problems.push(`include classic branch protection that requires ${n} approving review${n === 1 ? "" : "s"}, which no app can bypass, ${cannotMerge} (require reviews in the ruleset instead)`);
  }
  for (const name of protection.reviewRulesetsHoldingPitwall) problems.push(`include the ruleset \`${name}\`, which requires approving reviews without the Pitwall app as a bypass actor, ${cannotMerge}`);
  // Without required CI checks a `ci` gate can only wait for the checks that have reported, and a
  // slow job that has not started yet would be missed.
  if (ciGate && !protection.checks.some((check) => !check.context.startsWith("pitwall/"))) problems.push("do not require the repository's own CI checks (a `ci` gate waits only for the checks it knows of)");
  return problems.length === 0 ? null : `The rules on \`${branch}\` ${problems.join("; ")}. An admin should set them up as ${setup} describes.`;
}
