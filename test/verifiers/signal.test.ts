import { describe, expect, it } from "vitest";
import { findingId, rankFindings, type Finding } from "../../src/verifiers/index.ts";

const finding = (verifier: string, severity: Finding["severity"], path: string, startLine: number, endLine: number, message: string): Finding => ({
  verifier,
  path,
  startLine,
  endLine,
  severity,
  title: message.slice(0, 20),
  message,
});

describe("rankFindings", () => {
  it("keeps the most severe of duplicates and names the other verifiers", () => {
    const ranked = rankFindings(
      [
        finding("code-reviewer", "warning", "src/config.ts", 1, 3, "Hard-coded  credential."),
        finding("secrets", "error", "src/config.ts", 2, 2, "hard-coded credential"),
        finding("security-reviewer", "note", "src/config.ts", 3, 3, "Hard-coded credential"),
        finding("secrets", "error", "src/config.ts", 9, 9, "hard-coded credential"),
        finding("code-reviewer", "warning", "src/other.ts", 2, 2, "Hard-coded credential."),
      ],
      { maxAnnotations: 10, minSeverity: "note" },
    );
    expect(ranked.annotated.map((f) => [f.verifier, f.severity, f.path, f.startLine, f.message])).toEqual([
      ["secrets", "error", "src/config.ts", 2, "hard-coded credential (also reported by code-reviewer, security-reviewer)"],
      ["secrets", "error", "src/config.ts", 9, "hard-coded credential"],
      ["code-reviewer", "warning", "src/other.ts", 2, "Hard-coded credential."],
    ]);
    expect(ranked.summarised).toEqual([]);
  });

  it("does not merge different messages on the same line", () => {
    const ranked = rankFindings([finding("a", "error", "x.ts", 1, 1, "one"), finding("b", "error", "x.ts", 1, 1, "two")], { maxAnnotations: 10, minSeverity: "note" });
    expect(ranked.annotated.map((f) => f.message)).toEqual(["one", "two"]);
  });

  it("sorts by severity, path and line, annotates up to the cap and summarises the rest and what is below the minimum", () => {
    const ranked = rankFindings(
      [
        finding("style", "note", "a.ts", 1, 1, "n1"),
        finding("secrets", "error", "b.ts", 5, 5, "e2"),
        finding("test-tampering", "warning", "a.ts", 7, 7, "w1"),
        finding("write-scope", "error", "a.ts", 9, 9, "e1"),
        finding("secrets", "error", "b.ts", 1, 1, "e3"),
        finding("style", "note", "c.ts", 1, 1, "n2"),
        finding("test-tampering", "warning", "a.ts", 2, 2, "w2"),
      ],
      { maxAnnotations: 4, minSeverity: "warning" },
    );
    expect(ranked.annotated.map((f) => f.message)).toEqual(["e1", "e3", "e2", "w2"]);
    expect(ranked.summarised).toEqual([
      { severity: "warning", count: 1, verifiers: ["test-tampering"] },
      { severity: "note", count: 2, verifiers: ["style"] },
    ]);
  });

  it("keeps the caller's extra fields", () => {
    const ranked = rankFindings([{ ...finding("secrets", "error", "a.ts", 1, 1, "m"), id: "abc" }], { maxAnnotations: 1, minSeverity: "error" });
    expect(ranked.annotated[0]?.id).toBe("abc");
  });
});

describe("findingId", () => {
  it("is the first 8 hex digits of sha256 over verifier, path, line and message", () => {
    const leaked = finding("secrets", "error", "src/config.ts", 2, 2, "leaked");
    expect(findingId(leaked)).toBe("b3d1f43b");
    const sameButMilder: Finding = { ...leaked, severity: "warning", title: "other" };
    expect(findingId(sameButMilder)).toBe("b3d1f43b");
    expect(findingId({ ...leaked, startLine: 3 })).not.toBe("b3d1f43b");
  });
});
