import { describe, expect, it } from "vitest";
import type { PassDefinition } from "../../src/definitions/workflow.schema.ts";
import { protectionNote, type ProtectionFacts } from "../../src/domain/protection-note.ts";

const pass = (kind: PassDefinition["gate"]["kind"]): PassDefinition => ({
  id: "p",
  agent: "a",
  inputs: [],
  outputs: ["x.md"],
  gate: { kind, criteria: ["c"], verifiers: [], approvers: "write", required_approvals: 1, max_iterations: 3, escalation: "human", merge: "auto" },
});

const pitwallGate = { context: "pitwall/gate", appId: 4242 };
const facts = (overrides: Partial<ProtectionFacts>): ProtectionFacts => ({ exists: true, checks: [pitwallGate], classicApprovals: 0, reviewRulesetsHoldingPitwall: [], ...overrides });

describe("protectionNote", () => {
  it.each<[string, PassDefinition, ProtectionFacts, string | null]>([
    ["no protection", pass("human"), facts({ exists: false, checks: [] }), "Branch `main` has no branch protection or ruleset"],
    ["the gate check not required", pass("agent"), facts({ checks: [{ context: "ci", appId: null }] }), "do not require the status check `pitwall/gate`"],
    ["the gate check from any app", pass("agent"), facts({ checks: [{ context: "pitwall/gate", appId: null }] }), "require `pitwall/gate` from any app instead of the Pitwall app"],
    ["a review required by classic protection", pass("agent"), facts({ classicApprovals: 1 }), "classic branch protection that requires 1 approving review, which no app can bypass"],
    ["a review ruleset Pitwall cannot bypass", pass("human"), facts({ reviewRulesetsHoldingPitwall: ["main rules"] }), "the ruleset `main rules`, which requires approving reviews without the Pitwall app as a bypass actor"],
    ["no CI checks for a ci gate", pass("ci"), facts({}), "the repository's own CI checks"],
    ["everything a ci gate needs", pass("ci"), facts({ checks: [pitwallGate, { context: "build", appId: null }] }), null],
    ["everything an agent gate needs", pass("agent"), facts({}), null],
    ["everything a human gate needs", pass("human"), facts({}), null],
  ])("%s", (_name, definition, protection, expected) => {
    const note = protectionNote("main", definition, protection);
    if (expected === null) expect(note).toBeNull();
    else expect(note).toContain(expected);
  });
});
