import { describe, expect, it } from "vitest";
import { addedLines, diffLineArrays, diffLines, hunkNewRange, newLineForOldLine, removedLines, splitLines, type Hunk } from "../../src/verifiers/line-diff.ts";

function apply(oldLines: readonly string[], hunks: readonly Hunk[]): string[] {
  const out: string[] = [];
  let next = 0;
  for (const hunk of hunks) {
    out.push(...oldLines.slice(next, hunk.oldStart - 1));
    out.push(...hunk.newLines);
    next = hunk.oldStart - 1 + hunk.oldLines.length;
  }
  return [...out, ...oldLines.slice(next)];
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j += 1) {
      const up = row[j] ?? 0;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(up, row[j - 1] ?? 0);
      diagonal = up;
    }
  }
  return row[b.length] ?? 0;
}

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("diffLines", () => {
  it.each([
    ["no change", "a\nb\n", "a\nb\n", []],
    ["a line inserted in the middle", "a\nc\n", "a\nb\nc\n", [{ oldStart: 2, oldLines: [], newStart: 2, newLines: ["b"] }]],
    ["a line deleted", "a\nb\nc\n", "a\nc\n", [{ oldStart: 2, oldLines: ["b"], newStart: 2, newLines: [] }]],
    ["a line replaced", "a\nb\nc\n", "a\nB\nc\n", [{ oldStart: 2, oldLines: ["b"], newStart: 2, newLines: ["B"] }]],
    ["a new file", "", "x\ny\n", [{ oldStart: 1, oldLines: [], newStart: 1, newLines: ["x", "y"] }]],
    ["CRLF and LF are the same lines", "a\r\nb\r\n", "a\nb\n", []],
  ])("%s", (_name, before, after, hunks) => {
    expect(diffLines(before, after)).toEqual(hunks);
  });

  it("finds a shortest script: hunks rebuild the new text and keep a longest common subsequence", () => {
    const next = random(42);
    const alphabet = ["a", "b", "c", "d", "}", ""];
    const lines = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)] ?? "a");
    for (let round = 0; round < 300; round += 1) {
      const a = lines(Math.floor(next() * 14));
      const b = lines(Math.floor(next() * 14));
      const hunks = diffLineArrays(a, b);
      expect(apply(a, hunks)).toEqual(b);
      const changed = hunks.reduce((sum, hunk) => sum + hunk.oldLines.length + hunk.newLines.length, 0);
      expect(changed).toBe(a.length + b.length - 2 * lcsLength(a, b));
    }
  });

  it("stays correct past its edit budget on a rewritten file", () => {
    const a = Array.from({ length: 5000 }, (_, i) => `old ${i}`);
    const b = Array.from({ length: 5000 }, (_, i) => (i % 2 === 0 ? `old ${i}` : `new ${i}`));
    expect(apply(a, diffLineArrays(a, b))).toEqual(b);
  });

  it("numbers added and removed lines, and places hunks and old lines in the new file", () => {
    const before = "one\ntwo\nthree\nfour\n";
    const after = "zero\none\nthree\nfour\nfive\n";
    const hunks = diffLines(before, after);
    expect(addedLines(hunks)).toEqual([
      { line: 1, text: "zero" },
      { line: 5, text: "five" },
    ]);
    expect(removedLines(hunks)).toEqual([{ line: 2, text: "two" }]);
    const count = splitLines(after).length;
    // "two" was removed after "one" (new line 2): the gap is anchored on the line before it.
    expect(hunks.map((hunk) => hunkNewRange(hunk, count))).toEqual([
      { startLine: 1, endLine: 1 },
      { startLine: 2, endLine: 2 },
      { startLine: 5, endLine: 5 },
    ]);
    expect([1, 2, 3, 4].map((line) => newLineForOldLine(hunks, line, count))).toEqual([2, 2, 3, 4]);
  });
});
