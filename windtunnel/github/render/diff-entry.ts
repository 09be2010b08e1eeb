// The file entries of PR files, compare and commit responses ("diff-entry").
import { repoApiUrl, repoHtmlUrl } from "./repo.ts";
import { lineDiff } from "../git/line-diff.ts";
import type { World } from "../core/world.ts";
import type { PathChange } from "../git/diff-trees.ts";
import type { RepoRecord } from "../types.ts";

function blobText(w: World, sha: string | undefined): string | null {
  if (sha === undefined) return "";
  const content = w.state.blobs.get(sha)?.content;
  if (!content) return "";
  return content.includes(0) ? null : content.toString("utf8");
}

export function renderDiffEntry(w: World, repo: RepoRecord, change: PathChange, commitSha: string): Record<string, unknown> {
  const before = blobText(w, change.before?.type === "blob" ? change.before.sha : undefined);
  const after = blobText(w, change.after?.type === "blob" ? change.after.sha : undefined);
  // binary files get no patch and no line counts, as on GitHub
  const diff = before === null || after === null ? undefined : lineDiff(before, after);
  const encodedPath = change.path.split("/").map(encodeURIComponent).join("/");
  return {
    sha: (change.after ?? change.before)?.sha ?? null,
    filename: change.path,
    status: change.status,
    additions: diff?.additions ?? 0,
    deletions: diff?.deletions ?? 0,
    changes: (diff?.additions ?? 0) + (diff?.deletions ?? 0),
    blob_url: `${repoHtmlUrl(w, repo)}/blob/${commitSha}/${encodedPath}`,
    raw_url: `${repoHtmlUrl(w, repo)}/raw/${commitSha}/${encodedPath}`,
    contents_url: `${repoApiUrl(w, repo)}/contents/${encodedPath}?ref=${commitSha}`,
    ...(diff && diff.patch !== "" ? { patch: diff.patch } : {}),
  };
}
