// Writing and reading git objects. Objects live once in `state.blobs/trees/commits` (keyed by
// SHA) and each repo lists the SHAs it holds, so a SHA from another repo is not found here,
// as on GitHub.
import { gitObjectSha } from "./hash.ts";
import type { World } from "../core/world.ts";
import type { BlobRecord, CommitRecord, GitSignature, RepoRecord, TreeEntry, TreeRecord } from "../types.ts";

export function writeBlob(w: World, repo: RepoRecord, content: Buffer): string {
  const sha = gitObjectSha("blob", content);
  if (!w.state.blobs.has(sha)) w.state.blobs.set(sha, { sha, content: Buffer.from(content) });
  repo.objects.add(sha);
  return sha;
}

/** Git orders tree entries by name bytes, comparing a subtree as if its name ended in "/". */
function sortKey(entry: TreeEntry): Buffer {
  return Buffer.from(entry.type === "tree" ? `${entry.name}/` : entry.name);
}

export function canonicalOrder(entries: TreeEntry[]): TreeEntry[] {
  return [...entries].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
}

export function writeTree(w: World, repo: RepoRecord, entries: TreeEntry[]): string {
  const sorted = canonicalOrder(entries);
  const body = Buffer.concat(
    sorted.map((e) => Buffer.concat([Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`), Buffer.from(e.sha, "hex")])),
  );
  const sha = gitObjectSha("tree", body);
  if (!w.state.trees.has(sha)) w.state.trees.set(sha, { sha, entries: sorted });
  repo.objects.add(sha);
  return sha;
}

function signatureLine(kind: string, sig: GitSignature): string {
  const seconds = Math.floor(Date.parse(sig.date) / 1000);
  return `${kind} ${sig.name} <${sig.email}> ${seconds} +0000`;
}

export interface NewCommit {
  tree: string;
  parents: string[];
  message: string;
  author: GitSignature;
  committer: GitSignature;
  authorUserId: number | null;
  /** the committer's account, when it may differ from the author's */
  committerUserId?: number | null;
}

export function writeCommit(w: World, repo: RepoRecord, commit: NewCommit): string {
  const lines = [`tree ${commit.tree}`, ...commit.parents.map((p) => `parent ${p}`)];
  lines.push(signatureLine("author", commit.author), signatureLine("committer", commit.committer));
  const sha = gitObjectSha("commit", Buffer.from(`${lines.join("\n")}\n\n${commit.message}`));
  if (!w.state.commits.has(sha)) w.state.commits.set(sha, { sha, ...commit, parents: [...commit.parents] });
  repo.objects.add(sha);
  return sha;
}

export function getBlob(w: World, repo: RepoRecord, sha: string): BlobRecord | undefined {
  return repo.objects.has(sha) ? w.state.blobs.get(sha) : undefined;
}

export function getTree(w: World, repo: RepoRecord, sha: string): TreeRecord | undefined {
  return repo.objects.has(sha) ? w.state.trees.get(sha) : undefined;
}

export function getCommit(w: World, repo: RepoRecord, sha: string): CommitRecord | undefined {
  return repo.objects.has(sha) ? w.state.commits.get(sha) : undefined;
}
