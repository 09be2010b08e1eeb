import { describe, expect, it } from "vitest";
import { gateSchema, separatedRoles } from "../../src/definitions/workflow.schema.ts";

const gate = { kind: "human", criteria: ["It is right."] };

describe("a gate's separate_from", () => {
  it("takes one role (the form pinned work items hold) or a list of them", () => {
    expect(separatedRoles(gateSchema.parse({ ...gate, separate_from: "initiator" }))).toEqual(["initiator"]);
    expect(separatedRoles(gateSchema.parse({ ...gate, separate_from: ["initiator", "issue_author", "pushers", "initiator"] }))).toEqual(["initiator", "issue_author", "pushers"]);
    expect(separatedRoles(gateSchema.parse(gate))).toEqual([]);
  });

  it("refuses a role it does not know and an empty list", () => {
    expect(gateSchema.safeParse({ ...gate, separate_from: "reviewers" }).success).toBe(false);
    expect(gateSchema.safeParse({ ...gate, separate_from: [] }).success).toBe(false);
  });
});
