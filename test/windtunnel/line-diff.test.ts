// Patches as `git diff` prints them (expected values produced by git 2.x).
import { describe, expect, it } from "vitest";
import { lineDiff } from "../../windtunnel/github/git/line-diff.ts";

describe("lineDiff", () => {
  it("matches git's hunks, ranges and section headers", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
    const after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\nl2\nm\n";
    expect(lineDiff(before, after)).toEqual({
      additions: 3,
      deletions: 2,
      patch: ["@@ -1,5 +1,5 @@", " a", "-b", "+B", " c", " d", " e", "@@ -9,5 +9,6 @@ h", " i", " j", " k", "-l", "+L", "+l2", " m"].join("\n"),
    });
  });

  it("handles insertions, new files and deleted files", () => {
    expect(lineDiff("x\ny\n", "x\nz\ny\n").patch).toBe("@@ -1,2 +1,3 @@\n x\n+z\n y");
    expect(lineDiff("", "# Spec\n").patch).toBe("@@ -0,0 +1 @@\n+# Spec");
    expect(lineDiff("one\ntwo\n", "")).toEqual({ additions: 0, deletions: 2, patch: "@@ -1,2 +0,0 @@\n-one\n-two" });
    expect(lineDiff("same\n", "same\n")).toEqual({ additions: 0, deletions: 0, patch: "" });
  });
});
