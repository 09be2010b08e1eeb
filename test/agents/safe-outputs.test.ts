import { describe, expect, it } from "vitest";
import { checkProposedFiles, describeOutputProblems } from "../../src/agents/index.ts";

// A GitHub token split so this file itself does not look like one.
const token = `ghp_${"A1b2C3d4E5f6G7h8I9j0".repeat(2).slice(0, 36)}`;

describe("checkProposedFiles", () => {
  it("lets through what the agent may write", () => {
    expect(checkProposedFiles([{ path: "src/a.ts", content: "export const a = 1;\n" }, { path: "docs/work/1-x/notes.md", content: "# Notes\n" }], ["src/**", "docs/work/**"])).toEqual([]);
  });

  it.each<[string, { path: string; content: string }[], string[], string]>([
    ["a path outside access.write", [{ path: "README.md", content: "x" }], ["src/**"], "README.md: outside the agent's access.write (src/**)"],
    ["a CI workflow under a catch-all glob", [{ path: ".github/workflows/ci.yml", content: "on: push" }], ["**", ".*/**"], ".github/workflows/ci.yml: .github/** holds CI, automation or Pitwall definitions"],
    ["a Jenkinsfile under a catch-all glob", [{ path: "Jenkinsfile", content: "pipeline {}" }], ["**"], "Jenkinsfile: Jenkinsfile holds CI"],
    ["Pitwall's own definitions under a catch-all glob", [{ path: "workflows/feature.md", content: "x" }], ["**"], "workflows/feature.md: workflows/** holds CI"],
    ["a committed token", [{ path: "src/config.ts", content: `export const client = 1;\nconst token = "${token}";\n` }], ["src/**"], "src/config.ts:2: looks like a secret (github-token"],
    ["too many files", Array.from({ length: 61 }, (_, index) => ({ path: `src/f${index}.ts`, content: "x" })), ["src/**"], "(all): 61 files proposed; the limit is 60"],
    ["a file that is too big", [{ path: "src/big.ts", content: "x".repeat(200_001) }], ["src/**"], "src/big.ts: 200001 bytes; the limit for one file is 200000"],
  ])("refuses %s", (_name, files, globs, message) => {
    expect(describeOutputProblems(checkProposedFiles(files, globs))).toContain(message);
  });

  it("allows a guarded area when the agent's access names it", () => {
    expect(checkProposedFiles([{ path: ".github/workflows/ci.yml", content: "on: push\n" }], [".github/workflows/**"])).toEqual([]);
  });
});
