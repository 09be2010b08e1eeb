import { describe, expect, it } from "vitest";
import { verifyWriteScope, type ChangedFile } from "../../src/verifiers/index.ts";
import { added, brief, modified, removed, renamed } from "./changes.ts";

const writeGlobs = ["src/**", "test/**", "docs/work/**"];

const cases: { name: string; files: ChangedFile[]; expected: string[] }[] = [
  { name: "a file added outside the globs", files: [added("scripts/deploy.sh", "#!/bin/sh\n")], expected: ["error scripts/deploy.sh:1 Write outside the agent's access"] },
  { name: "CI config deleted", files: [removed(".github/workflows/ci.yml", "on: push\n")], expected: ["error .github/workflows/ci.yml:1 Write outside the agent's access"] },
  { name: "a file moved out of scope", files: [renamed("src/math.ts", "lib/math.ts", "export {};\n")], expected: ["error lib/math.ts:1 Write outside the agent's access"] },
  { name: "a file moved into scope from outside", files: [renamed("vendor/math.ts", "src/math.ts", "export {};\n")], expected: ["error src/math.ts:1 Write outside the agent's access"] },
  { name: "only the file outside is reported", files: [modified("src/math.ts", "a\n", "b\n"), modified("package.json", "{}\n", `{"private":true}\n`)], expected: ["error package.json:1 Write outside the agent's access"] },
  { name: "everything inside the globs", files: [modified("src/math.ts", "a\n", "b\n"), added("test/math.test.ts", "x\n"), added("docs/work/42/impl.md", "# Impl\n"), removed("src/old.ts", "x\n")], expected: [] },
];

describe("write-scope", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, { files, expected }) => {
    expect(verifyWriteScope(files, { writeGlobs }).map(brief)).toEqual(expected);
  });

  it("says which path is outside and what the access is", () => {
    const [finding] = verifyWriteScope([renamed("vendor/math.ts", "src/math.ts", "x\n")], { writeGlobs });
    expect(finding?.message).toBe("This change renames vendor/math.ts to src/math.ts, but vendor/math.ts is outside the agent's access.write (src/**, test/**, docs/work/**).");
  });

  it("treats empty access as no writes at all", () => {
    expect(verifyWriteScope([modified("src/math.ts", "a\n", "b\n")], { writeGlobs: [] }).map((finding) => finding.message)).toEqual([
      "This change modifies src/math.ts, but src/math.ts is outside the agent's access.write (empty).",
    ]);
  });
});
