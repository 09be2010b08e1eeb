// Trees as flat path maps. Merges, diffs and tree edits work on `path → entry` maps of the
// files (blobs and submodules); building writes the nested tree objects back.
import { getTree, writeTree } from "./objects.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, TreeEntry, TreeMode } from "../types.ts";

export interface FlatEntry {
  mode: TreeMode;
  type: "blob" | "commit";
  sha: string;
}

export type FlatTree = Map<string, FlatEntry>;

export function flattenTree(w: World, repo: RepoRecord, treeSha: string, prefix = "", into: FlatTree = new Map()): FlatTree {
  const tree = getTree(w, repo, treeSha);
  if (!tree) throw new Error(`wind tunnel: tree ${treeSha} is missing from ${repo.key}`);
  for (const entry of tree.entries) {
    const path = prefix + entry.name;
    if (entry.type === "tree") flattenTree(w, repo, entry.sha, `${path}/`, into);
    else into.set(path, { mode: entry.mode, type: entry.type, sha: entry.sha });
  }
  return into;
}

export function buildTree(w: World, repo: RepoRecord, flat: FlatTree): string {
  const files: TreeEntry[] = [];
  const dirs = new Map<string, FlatTree>();
  for (const [path, entry] of flat) {
    const slash = path.indexOf("/");
    if (slash === -1) {
      files.push({ name: path, ...entry });
      continue;
    }
    const dir = path.slice(0, slash);
    const sub = dirs.get(dir) ?? new Map<string, FlatEntry>();
    sub.set(path.slice(slash + 1), entry);
    dirs.set(dir, sub);
  }
  for (const [name, sub] of dirs) files.push({ name, mode: "040000", type: "tree", sha: buildTree(w, repo, sub) });
  return writeTree(w, repo, files);
}

/** The entry at `path` (a file or a directory), walking from the root tree. */
export function lookupPath(w: World, repo: RepoRecord, treeSha: string, path: string): TreeEntry | undefined {
  let current: TreeEntry = { name: "", mode: "040000", type: "tree", sha: treeSha };
  for (const part of path.split("/").filter((p) => p !== "")) {
    if (current.type !== "tree") return undefined;
    const tree = getTree(w, repo, current.sha);
    const next = tree?.entries.find((e) => e.name === part);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

export const emptyFlat = (): FlatTree => new Map<string, FlatEntry>();
