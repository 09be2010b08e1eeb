// Three-way merge by path: a side that changed a path wins over the side that did not; both
// changing it differently is a conflict (GitHub would answer "Merge conflict").
import type { FlatEntry, FlatTree } from "./flat-tree.ts";

const same = (a: FlatEntry | undefined, b: FlatEntry | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.sha === b.sha && a.mode === b.mode);

export interface MergeResult {
  tree: FlatTree;
  conflicts: string[];
}

export function mergeTrees(base: FlatTree, ours: FlatTree, theirs: FlatTree): MergeResult {
  const tree: FlatTree = new Map();
  const conflicts: string[] = [];
  const paths = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  for (const path of [...paths].sort()) {
    const o = base.get(path);
    const a = ours.get(path);
    const b = theirs.get(path);
    let pick: FlatEntry | undefined;
    if (same(a, b) || same(b, o)) pick = a;
    else if (same(a, o)) pick = b;
    else {
      conflicts.push(path);
      continue;
    }
    if (pick) tree.set(path, pick);
  }
  return { tree, conflicts };
}
