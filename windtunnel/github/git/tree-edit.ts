// Applies POST /git/trees entries to a (possibly empty) base: set a file, graft a subtree, or
// delete a path (`sha: null`), with nested paths creating and replacing directories as git does.
import { flattenTree, type FlatTree } from "./flat-tree.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, TreeMode } from "../types.ts";

export type TreeEdit =
  | { path: string; action: "delete" }
  | { path: string; action: "set"; mode: TreeMode; type: "blob" | "commit"; sha: string }
  | { path: string; action: "graft"; sha: string };

function removeUnder(flat: FlatTree, path: string): void {
  flat.delete(path);
  const prefix = `${path}/`;
  for (const key of [...flat.keys()]) if (key.startsWith(prefix)) flat.delete(key);
}

/** A file at a parent path of `path` must go when `path` turns that parent into a directory. */
function removeFileParents(flat: FlatTree, path: string): void {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) flat.delete(parts.slice(0, i).join("/"));
}

export function applyTreeEdits(w: World, repo: RepoRecord, base: FlatTree, edits: TreeEdit[]): FlatTree {
  const flat: FlatTree = new Map(base);
  for (const edit of edits) {
    removeUnder(flat, edit.path);
    if (edit.action === "delete") continue;
    removeFileParents(flat, edit.path);
    if (edit.action === "set") flat.set(edit.path, { mode: edit.mode, type: edit.type, sha: edit.sha });
    else for (const [sub, entry] of flattenTree(w, repo, edit.sha)) flat.set(`${edit.path}/${sub}`, entry);
  }
  return flat;
}
