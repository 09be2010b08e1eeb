// Git Data API shapes: refs, git commits, trees and blobs.
import { repoApiUrl, repoHtmlUrl } from "./repo.ts";
import { nodeId } from "../core/ids.ts";
import { getTree } from "../git/objects.ts";
import type { World } from "../core/world.ts";
import type { BlobRecord, CommitRecord, RepoRecord, TreeEntry, TreeRecord } from "../types.ts";

export function renderRef(w: World, repo: RepoRecord, ref: string, sha: string): Record<string, unknown> {
  const api = repoApiUrl(w, repo);
  return {
    ref,
    node_id: nodeId("Ref", `${repo.id}:${ref}`),
    url: `${api}/git/${ref}`,
    object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
  };
}

export function renderSignature(sig: CommitRecord["author"]): Record<string, unknown> {
  return { name: sig.name, email: sig.email, date: sig.date };
}

const unverified = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

export function renderGitCommit(w: World, repo: RepoRecord, commit: CommitRecord): Record<string, unknown> {
  const api = repoApiUrl(w, repo);
  return {
    sha: commit.sha,
    node_id: nodeId("Commit", commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${repoHtmlUrl(w, repo)}/commit/${commit.sha}`,
    author: renderSignature(commit.author),
    committer: renderSignature(commit.committer),
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/git/commits/${sha}`, html_url: `${repoHtmlUrl(w, repo)}/commit/${sha}` })),
    verification: { ...unverified },
  };
}

function renderTreeEntry(w: World, repo: RepoRecord, entry: TreeEntry, path: string): Record<string, unknown> {
  const api = repoApiUrl(w, repo);
  const base = { path, mode: entry.mode, type: entry.type, sha: entry.sha };
  if (entry.type === "blob") return { ...base, size: w.state.blobs.get(entry.sha)?.content.length ?? 0, url: `${api}/git/blobs/${entry.sha}` };
  if (entry.type === "tree") return { ...base, url: `${api}/git/trees/${entry.sha}` };
  return base;
}

function collect(w: World, repo: RepoRecord, tree: TreeRecord, prefix: string, recursive: boolean, out: Record<string, unknown>[]): void {
  for (const entry of tree.entries) {
    const path = prefix + entry.name;
    out.push(renderTreeEntry(w, repo, entry, path));
    const sub = entry.type === "tree" && recursive ? getTree(w, repo, entry.sha) : undefined;
    if (sub) collect(w, repo, sub, `${path}/`, recursive, out);
  }
}

export function renderTree(w: World, repo: RepoRecord, tree: TreeRecord, recursive: boolean): Record<string, unknown> {
  const entries: Record<string, unknown>[] = [];
  collect(w, repo, tree, "", recursive, entries);
  return { sha: tree.sha, url: `${repoApiUrl(w, repo)}/git/trees/${tree.sha}`, tree: entries, truncated: false };
}

/** Base64 wrapped at 60 characters, as the blobs and contents APIs return it. */
export function wrappedBase64(content: Buffer): string {
  const b64 = content.toString("base64");
  return (b64.match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join("");
}

export function renderBlob(w: World, repo: RepoRecord, blob: BlobRecord): Record<string, unknown> {
  return {
    sha: blob.sha,
    node_id: nodeId("Blob", blob.sha),
    size: blob.content.length,
    url: `${repoApiUrl(w, repo)}/git/blobs/${blob.sha}`,
    content: wrappedBase64(blob.content),
    encoding: "base64",
  };
}
