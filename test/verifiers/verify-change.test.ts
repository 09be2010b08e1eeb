import { describe, expect, it } from "vitest";
import { rankFindings, verifyChange } from "../../src/verifiers/index.ts";
import { added, brief, modified, removed } from "./changes.ts";

describe("verifyChange", () => {
  const files = [
    modified("test/math.test.ts", `it("adds", () => {\n  expect(add(1, 2)).toBe(3);\n});\n`, `it.skip("adds", () => {\n  expect(add(1, 2)).toBe(3);\n});\n`),
    added("src/aws.ts", `export const key = "AKIAIOSFODNN7EXAMPLE";\n`),
    removed("package-lock.json", "{}\n"),
  ];

  it("runs every deterministic verifier over one change, and write scope only with globs", () => {
    expect(verifyChange(files, { writeGlobs: ["src/**", "test/**"] }).map(brief)).toEqual([
      "error test/math.test.ts:1:1 Test skipped",
      "error src/aws.ts:1:21 Secret committed (aws-access-key-id)",
      "error package-lock.json:1 Write outside the agent's access",
    ]);
    expect(verifyChange(files).map((finding) => finding.verifier)).toEqual(["test-tampering", "secrets"]);
  });

  it("feeds rankFindings", () => {
    const ranked = rankFindings(verifyChange(files, { writeGlobs: ["src/**", "test/**"] }), { maxAnnotations: 2, minSeverity: "error" });
    expect(ranked.annotated.map((finding) => finding.path)).toEqual(["package-lock.json", "src/aws.ts"]);
    expect(ranked.summarised).toEqual([{ severity: "error", count: 1, verifiers: ["test-tampering"] }]);
  });
});
