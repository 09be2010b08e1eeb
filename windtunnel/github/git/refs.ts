// Resolving what users write for a commit: a SHA (full or abbreviated), a full ref, `heads/x`,
// `tags/x`, or a bare branch or tag name.
import { getCommit } from "./objects.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord } from "../types.ts";

export const branchRef = (branch: string): string => `refs/heads/${branch}`;

export function branchSha(repo: RepoRecord, branch: string): string | undefined {
  return repo.refs.get(branchRef(branch));
}

export function resolveCommitish(w: World, repo: RepoRecord, ref: string): string | undefined {
  if (/^[0-9a-f]{40}$/i.test(ref)) return getCommit(w, repo, ref.toLowerCase()) ? ref.toLowerCase() : undefined;
  const candidates = ref.startsWith("refs/") ? [ref] : [`refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`];
  for (const name of candidates) {
    const sha = repo.refs.get(name);
    if (sha !== undefined) return sha;
  }
  if (/^[0-9a-f]{7,39}$/i.test(ref)) {
    const matches = [...repo.objects].filter((sha) => sha.startsWith(ref.toLowerCase()) && w.state.commits.has(sha));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}
