import { describe, expect, it } from "vitest";
import { toAnnotations, type LocatedFinding } from "../../src/verifiers/annotations.ts";
import { verifierConclusion } from "../../src/verifiers/conclusion.ts";

const finding = (changes: Partial<LocatedFinding>): LocatedFinding => ({ id: "abcd1234", path: "src/a.ts", startLine: 2, endLine: 3, severity: "error", title: "Bug", message: "Off by one.", ...changes });

describe("toAnnotations", () => {
  const lines = new Map([["src/a.ts", 10]]);

  it("annotates a finding at its lines with its level and id", () => {
    expect(toAnnotations([finding({})], lines)).toEqual({
      annotations: [{ path: "src/a.ts", start_line: 2, end_line: 3, annotation_level: "failure", title: "Bug [abcd1234]", message: "Off by one." }],
      unplaced: [],
    });
  });

  it("moves a finding on a line the file does not have to the file level, saying so", () => {
    const { annotations } = toAnnotations([finding({ startLine: 40, endLine: 41, severity: "warning" })], lines);
    expect(annotations).toEqual([{ path: "src/a.ts", start_line: 1, end_line: 1, annotation_level: "warning", title: "Bug [abcd1234]", message: "(placed at line 40, which src/a.ts does not have) Off by one." }]);
  });

  it("keeps a finding on a file the pass does not have for the summary, not dropped", () => {
    expect(toAnnotations([finding({ path: "src/missing.ts" })], lines)).toEqual({ annotations: [], unplaced: [finding({ path: "src/missing.ts" })] });
  });

  it("clamps a range that runs past the end of the file", () => {
    expect(toAnnotations([finding({ startLine: 9, endLine: 14 })], lines).annotations[0]).toMatchObject({ start_line: 9, end_line: 10 });
  });
});

describe("verifierConclusion", () => {
  const error = { id: "e1", severity: "error" as const };
  const warning = { id: "w1", severity: "warning" as const };
  it.each<[string, Parameters<typeof verifierConclusion>[0], ReturnType<typeof verifierConclusion>]>([
    ["a model verifier without a verdict is neutral", { verdict: null, deterministic: false, findings: [], waived: new Set() }, "neutral"],
    ["a pass verdict succeeds despite warnings", { verdict: "pass", deterministic: false, findings: [warning], waived: new Set() }, "success"],
    ["a fail verdict fails", { verdict: "fail", deterministic: false, findings: [error, warning], waived: new Set(["e1"]) }, "failure"],
    ["a fail verdict passes once every error and warning is waived", { verdict: "fail", deterministic: false, findings: [error, warning], waived: new Set(["e1", "w1"]) }, "success"],
    ["a fail verdict without findings cannot be waived away", { verdict: "fail", deterministic: false, findings: [], waived: new Set() }, "failure"],
    ["a code verifier fails on an error finding", { verdict: null, deterministic: true, findings: [error], waived: new Set() }, "failure"],
    ["a code verifier passes with only warnings", { verdict: null, deterministic: true, findings: [warning], waived: new Set() }, "success"],
    ["a code verifier passes once its errors are waived", { verdict: null, deterministic: true, findings: [error], waived: new Set(["e1"]) }, "success"],
  ])("%s", (_name, input, expected) => {
    expect(verifierConclusion(input)).toBe(expected);
  });
});
