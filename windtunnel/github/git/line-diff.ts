// A small line diff for `patch`, `additions` and `deletions` on PR files and compares.
// LCS over the lines between the common prefix and suffix; very large middles fall back to
// "replace everything", which keeps counts right enough and the fake fast.

type Op = { kind: " " | "-" | "+"; line: string };

const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function middleOps(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((line): Op => ({ kind: "-", line })), ...b.map((line): Op => ({ kind: "+", line }))];
  }
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i] ?? "" });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
      // removals before additions, as git prints them
      ops.push({ kind: "-", line: a[i++] ?? "" });
    } else {
      ops.push({ kind: "+", line: b[j++] ?? "" });
    }
  }
  return ops;
}

function diffOps(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const same = (lines: string[]): Op[] => lines.map((line) => ({ kind: " ", line }));
  return [...same(a.slice(0, start)), ...middleOps(a.slice(start, a.length - end), b.slice(start, b.length - end)), ...same(a.slice(a.length - end))];
}

/** Git's hunk range: `start,len`, with `,1` left out and an empty side starting one line earlier. */
function range(start: number, len: number): string {
  if (len === 0) return `${start - 1},0`;
  return len === 1 ? String(start) : `${start},${len}`;
}

function hunks(ops: Op[]): string {
  const changes = ops.flatMap((op, i) => (op.kind === " " ? [] : [i]));
  const out: string[] = [];
  let c = 0;
  while (c < changes.length) {
    const first = changes[c] ?? 0;
    let last = first;
    c++;
    // changes closer than two contexts apart share a hunk, as in `diff -u`
    while (c < changes.length && (changes[c] ?? 0) - last - 1 <= 2 * CONTEXT) last = changes[c++] ?? last;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length, last + 1 + CONTEXT);
    const before = ops.slice(0, from);
    const slice = ops.slice(from, to);
    const oldStart = before.filter((o) => o.kind !== "+").length + 1;
    const newStart = before.filter((o) => o.kind !== "-").length + 1;
    const oldLen = slice.filter((o) => o.kind !== "+").length;
    const newLen = slice.filter((o) => o.kind !== "-").length;
    // like git, name the nearest line above the hunk that starts with a letter, "_" or "$"
    const context = before.filter((o) => o.kind !== "+").map((o) => o.line).findLast((line) => /^[A-Za-z_$]/.test(line));
    out.push(`@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@${context === undefined ? "" : ` ${context}`}`);
    for (const op of slice) out.push(`${op.kind}${op.line}`);
  }
  return out.join("\n");
}

export interface LineDiff {
  additions: number;
  deletions: number;
  patch: string;
}

export function lineDiff(before: string, after: string): LineDiff {
  const ops = diffOps(splitLines(before), splitLines(after));
  return {
    additions: ops.filter((o) => o.kind === "+").length,
    deletions: ops.filter((o) => o.kind === "-").length,
    patch: hunks(ops),
  };
}
