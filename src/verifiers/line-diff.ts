// A line diff between two texts (Myers' O(ND) algorithm after trimming the common prefix and
// suffix). Pure. Past `maxEditDistance` edits it stops looking for the shortest script and reports
// the untrimmed middle as one replaced block, so a rewritten file costs linear-ish time and memory.

/** One block of change. Positions are 1-based; an empty side sits before line `start`. */
export interface Hunk {
  /** First old line of the hunk; for a pure insertion, the old line it goes before. */
  oldStart: number;
  oldLines: string[];
  /** First new line of the hunk; for a pure deletion, the new line that now follows the gap. */
  newStart: number;
  newLines: string[];
}

export interface NumberedLine {
  /** 1-based */
  line: number;
  text: string;
}

const maxEditDistance = 2000;

/** Lines without their terminators; a final line break does not start another line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

type Op = 0 | 1 | 2; // 0: equal, 1: delete an old line, 2: insert a new line

/** The change from `before` to `after`, as hunks in file order. */
export function diffLines(before: string, after: string): Hunk[] {
  return diffLineArrays(splitLines(before), splitLines(after));
}

export function diffLineArrays(oldLines: readonly string[], newLines: readonly string[]): Hunk[] {
  let prefix = 0;
  while (prefix < oldLines.length && prefix < newLines.length && oldLines[prefix] === newLines[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < oldLines.length - prefix && suffix < newLines.length - prefix && oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]) suffix += 1;
  const ids = new Map<string, number>();
  const intern = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const a = Int32Array.from(oldLines.slice(prefix, oldLines.length - suffix), intern);
  const b = Int32Array.from(newLines.slice(prefix, newLines.length - suffix), intern);
  const ops = myers(a, b) ?? [...new Array<Op>(a.length).fill(1), ...new Array<Op>(b.length).fill(2)];
  const hunks: Hunk[] = [];
  let oldIndex = prefix;
  let newIndex = prefix;
  let current: Hunk | undefined;
  for (const op of ops) {
    if (op === 0) {
      current = undefined;
      oldIndex += 1;
      newIndex += 1;
      continue;
    }
    if (current === undefined) {
      current = { oldStart: oldIndex + 1, oldLines: [], newStart: newIndex + 1, newLines: [] };
      hunks.push(current);
    }
    if (op === 1) current.oldLines.push(oldLines[oldIndex++] ?? "");
    else current.newLines.push(newLines[newIndex++] ?? "");
  }
  return hunks;
}

/** The shortest edit script, or undefined when it would take more than `maxEditDistance` edits. */
function myers(a: Int32Array, b: Int32Array): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...new Array<Op>(n).fill(1), ...new Array<Op>(m).fill(2)];
  const max = Math.min(n + m, maxEditDistance);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // snapshots[d][k + d] is the furthest x on diagonal k after d edits.
  const snapshots: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d += 1) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    snapshots.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return undefined;
  const reversed: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d -= 1) {
    const previous = snapshots[d - 1]!;
    const at = (k: number) => previous[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    const startX = down ? previousX : previousX + 1;
    while (x > startX) {
      reversed.push(0);
      x -= 1;
      y -= 1;
    }
    reversed.push(down ? 2 : 1);
    x = previousX;
    y = previousY;
  }
  for (; x > 0; x -= 1) reversed.push(0);
  return reversed.reverse();
}

/** Every line the change added, with its line number in the new file. */
export function addedLines(hunks: readonly Hunk[]): NumberedLine[] {
  return hunks.flatMap((hunk) => hunk.newLines.map((text, index) => ({ line: hunk.newStart + index, text })));
}

/** Every line the change removed, with its line number in the old file. */
export function removedLines(hunks: readonly Hunk[]): NumberedLine[] {
  return hunks.flatMap((hunk) => hunk.oldLines.map((text, index) => ({ line: hunk.oldStart + index, text })));
}

/**
 * Where a hunk sits in the new file: its added lines, or for a pure deletion the line just
 * before the gap (the line after it when the gap is at the top), clamped to the file.
 */
export function hunkNewRange(hunk: Hunk, newLineCount: number): { startLine: number; endLine: number } {
  if (hunk.newLines.length > 0) return { startLine: hunk.newStart, endLine: hunk.newStart + hunk.newLines.length - 1 };
  const line = clampLine(hunk.newStart > 1 ? hunk.newStart - 1 : 1, newLineCount);
  return { startLine: line, endLine: line };
}

/** The new-file line for an old line: where it went if unchanged, else where its hunk sits. */
export function newLineForOldLine(hunks: readonly Hunk[], oldLine: number, newLineCount: number): number {
  let shift = 0;
  for (const hunk of hunks) {
    const oldEnd = hunk.oldStart + hunk.oldLines.length;
    if (oldLine < hunk.oldStart) break;
    if (oldLine < oldEnd) return hunkNewRange(hunk, newLineCount).startLine;
    shift += hunk.newLines.length - hunk.oldLines.length;
  }
  return clampLine(oldLine + shift, newLineCount);
}

function clampLine(line: number, lineCount: number): number {
  return Math.max(1, Math.min(line, Math.max(lineCount, 1)));
}
