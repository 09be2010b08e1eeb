// Which paths differ between two flat trees; the basis of PR files, compare and commit files.
import type { FlatEntry, FlatTree } from "./flat-tree.ts";

export interface PathChange {
  path: string;
  status: "added" | "removed" | "modified" | "changed";
  before: FlatEntry | undefined;
  after: FlatEntry | undefined;
}

export function diffTrees(before: FlatTree, after: FlatTree): PathChange[] {
  const changes: PathChange[] = [];
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const path of paths) {
    const a = before.get(path);
    const b = after.get(path);
    if (!a && b) changes.push({ path, status: "added", before: a, after: b });
    else if (a && !b) changes.push({ path, status: "removed", before: a, after: b });
    else if (a && b && a.sha !== b.sha) changes.push({ path, status: "modified", before: a, after: b });
    else if (a && b && a.mode !== b.mode) changes.push({ path, status: "changed", before: a, after: b });
  }
  return changes;
}
