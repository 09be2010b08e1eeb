import { describe, expect, it } from "vitest";
import type { PassDefinition } from "../../src/definitions/workflow.schema.ts";
import { protectionNote } from "../../src/engine/protection-note.ts";

const pass = (kind: PassDefinition["gate"]["kind"]): PassDefinition => ({
  id: "p",
  agent: "a",
  inputs: [],
  outputs: ["x.md"],
  gate: { kind, criteria: ["c"], verifiers: [], approvers: "write", required_approvals: 1, max_iterations: 3, escalation: "human", merge: "auto" },
});

describe("protectionNote", () => {
  it.each<[string, PassDefinition, { exists: boolean; requiredChecks: string[]; requiredApprovals: number }, string | null]>([
    ["no protection", pass("human"), { exists: false, requiredChecks: [], requiredApprovals: 0 }, "Branch `main` has no branch protection"],
    ["the gate check not required", pass("agent"), { exists: true, requiredChecks: ["ci"], requiredApprovals: 0 }, "does not require the status check `pitwall/gate`"],
    ["no review for a human gate", pass("both"), { exists: true, requiredChecks: ["pitwall/gate"], requiredApprovals: 0 }, "does not require at least 1 approving review"],
    ["no CI checks for a ci gate", pass("ci"), { exists: true, requiredChecks: ["pitwall/gate"], requiredApprovals: 0 }, "the repository's own CI checks"],
    ["everything a ci gate needs", pass("ci"), { exists: true, requiredChecks: ["pitwall/gate", "build"], requiredApprovals: 0 }, null],
    ["everything a human gate needs", pass("human"), { exists: true, requiredChecks: ["pitwall/gate"], requiredApprovals: 1 }, null],
  ])("%s", (_name, definition, protection, expected) => {
    const note = protectionNote("main", definition, protection);
    if (expected === null) expect(note).toBeNull();
    else expect(note).toContain(expected);
  });
});
