import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { editedSinceApproval, gitBlobSha, mergeReads, passOutcomeKey, readsStillHold, type OutcomeKeyParts, type RepoReads } from "../../src/domain/pass-outcome.ts";

const parts: OutcomeKeyParts = {
  agent: "architect",
  agentVersion: 2,
  agentPrompt: "You design.",
  tier: "frontier",
  passDefinition: '{"id":"design"}',
  issue: { title: "Add export", body: "As CSV." },
  inputs: { "spec.md": "a".repeat(40), "notes.md": null },
  outputFolder: "docs/work/7-add-export",
};

describe("passOutcomeKey", () => {
  it("is stable, and does not depend on the order the inputs are listed in", () => {
    expect(passOutcomeKey({ ...parts, inputs: { "notes.md": null, "spec.md": "a".repeat(40) } })).toBe(passOutcomeKey(parts));
    expect(passOutcomeKey(parts)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<OutcomeKeyParts>]>([
    ["the agent", { agent: "specifier" }],
    ["the agent's version", { agentVersion: 3 }],
    ["the agent's prompt", { agentPrompt: "You design well." }],
    ["the tier", { tier: "mid" }],
    ["the pass's definition", { passDefinition: '{"id":"design","outputs":["design.md","adr.md"]}' }],
    ["the issue's title", { issue: { title: "Add exports", body: "As CSV." } }],
    ["the issue's body", { issue: { title: "Add export", body: "As CSV and JSON." } }],
    ["an input artifact's blob", { inputs: { "spec.md": "b".repeat(40), "notes.md": null } }],
    ["an input artifact appearing", { inputs: { "spec.md": "a".repeat(40), "notes.md": "c".repeat(40) } }],
    ["where the outputs go", { outputFolder: "docs/work/8-add-export" }],
  ])("changes with %s", (_name, change) => {
    expect(passOutcomeKey({ ...parts, ...change })).not.toBe(passOutcomeKey(parts));
  });
});

describe("gitBlobSha", () => {
  it("is git's own blob id of the text", () => {
    const dir = mkdtempSync(join(tmpdir(), "blob-"));
    for (const text of ["hello\n", "", "héllo wörld — ✓\n", "no newline"]) {
      writeFileSync(join(dir, "f"), text);
      expect(gitBlobSha(text)).toBe(execFileSync("git", ["hash-object", join(dir, "f")], { encoding: "utf8" }).trim());
    }
    // Known value, in case git is missing from a machine: `printf 'hello\n' | git hash-object --stdin`.
    expect(gitBlobSha("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });
});

describe("readsStillHold", () => {
  const recorded: RepoReads = { files: { "README.md": "r1", "src/a.ts": "a1", "src/gone.ts": null }, listing: ["README.md", "src/a.ts", "docs/work/7/design.md"] };
  const products = new Set(["docs/work/7/design.md", "src/a.ts"]);

  it.each<[string, { files: Record<string, string | null>; listing: string[] | null }, boolean, string[]]>([
    ["nothing changed", { files: { "README.md": "r1", "src/a.ts": "a1" }, listing: ["README.md", "src/a.ts", "docs/work/7/design.md"] }, true, []],
    ["a file read changed", { files: { "README.md": "r2", "src/a.ts": "a1" }, listing: ["README.md", "src/a.ts", "docs/work/7/design.md"] }, false, ["README.md"]],
    ["a file read disappeared", { files: { "src/a.ts": "a1" }, listing: ["src/a.ts", "docs/work/7/design.md"] }, false, ["README.md"]],
    ["a file that was absent appeared", { files: { "README.md": "r1", "src/a.ts": "a1", "src/gone.ts": "g1" }, listing: ["README.md", "src/a.ts", "src/gone.ts", "docs/work/7/design.md"] }, false, ["src/gone.ts"]],
    ["a file outside the listing was added", { files: { "README.md": "r1", "src/a.ts": "a1" }, listing: ["README.md", "src/a.ts", "src/b.ts", "docs/work/7/design.md"] }, false, ["src/b.ts (added)"]],
    ["the work item's own product changed", { files: { "README.md": "r1", "src/a.ts": "a9" }, listing: ["README.md", "src/a.ts", "docs/work/7/design.md"] }, true, []],
    ["the work item added and removed its own files", { files: { "README.md": "r1" }, listing: ["README.md", "docs/work/7/design.md", "docs/work/7/ir.md"].filter((path) => path !== "docs/work/7/design.md") }, true, []],
  ])("%s", (_name, now, holds, changed) => {
    const verdict = readsStillHold(recorded, now, new Set([...products, "docs/work/7/ir.md"]));
    expect(verdict).toEqual({ holds, changed });
  });

  it("ignores the listing when the agent never listed", () => {
    expect(readsStillHold({ files: { "README.md": "r1" }, listing: null }, { files: { "README.md": "r1" }, listing: ["anything.ts"] }, new Set())).toEqual({ holds: true, changed: [] });
  });
});

describe("mergeReads", () => {
  it("keeps the first SHA seen of a file and the first listing", () => {
    expect(mergeReads({ files: { a: "1" }, listing: null }, undefined, { files: { a: "2", b: null }, listing: ["a"] }, { files: {}, listing: ["a", "b"] })).toEqual({ files: { a: "1", b: null }, listing: ["a"] });
    expect(mergeReads()).toEqual({ files: {}, listing: null });
  });
});

describe("editedSinceApproval", () => {
  it("names the outputs whose blob on the default branch is not the approved one", () => {
    expect(editedSinceApproval({ "d/design.md": "x1", "src/a.ts": "a1", "src/old.ts": null }, { "d/design.md": "x2", "src/a.ts": "a1", "src/old.ts": null })).toEqual(["d/design.md"]);
    expect(editedSinceApproval({ "d/design.md": "x1" }, {})).toEqual(["d/design.md"]);
    expect(editedSinceApproval({ "d/design.md": "x1" }, { "d/design.md": "x1" })).toEqual([]);
  });
});
