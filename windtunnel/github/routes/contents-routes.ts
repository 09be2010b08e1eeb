// The contents API: files (base64 JSON, or raw text with the `.raw` media type, as Probot's
// config loader asks), directory listings, and file create/update/delete as single commits.
import { setRef } from "../actions/update-ref.ts";
import { buildTree, emptyFlat, flattenTree, lookupPath } from "../git/flat-tree.ts";
import { writeBlob, writeCommit } from "../git/objects.ts";
import { branchRef, branchSha, resolveCommitish } from "../git/refs.ts";
import { assertMayUpdateBranch } from "./protected-push.ts";
import { GitHubError, notFound, unprocessable } from "../http/errors.ts";
import { str } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderGitCommit, wrappedBase64 } from "../render/git.ts";
import { repoApiUrl, repoHtmlUrl } from "../render/repo.ts";
import { isoSeconds } from "../core/ids.ts";
import type { World } from "../core/world.ts";
import type { RepoRecord, TreeEntry } from "../types.ts";

const kind = (e: TreeEntry): string => (e.type === "tree" ? "dir" : e.type === "commit" ? "submodule" : e.mode === "120000" ? "symlink" : "file");

function entryInfo(w: World, repo: RepoRecord, entry: TreeEntry, path: string, ref: string): Record<string, unknown> {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const self = `${repoApiUrl(w, repo)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = `${repoApiUrl(w, repo)}/git/${entry.type === "tree" ? "trees" : "blobs"}/${entry.sha}`;
  const html = `${repoHtmlUrl(w, repo)}/${entry.type === "tree" ? "tree" : "blob"}/${ref}/${encoded}`;
  return {
    type: kind(entry),
    size: entry.type === "blob" ? (w.state.blobs.get(entry.sha)?.content.length ?? 0) : 0,
    name: path.split("/").pop() ?? path,
    path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: entry.type === "blob" ? `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${ref}/${encoded}` : null,
    _links: { self, git, html },
  };
}

function getContents({ w, repo, req }: RepoRouteContext) {
  const path = (req.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const ref = req.query.get("ref") ?? repo.defaultBranch;
  const sha = resolveCommitish(w, repo, ref);
  if (sha === undefined) throw notFound(`No commit found for the ref ${ref}`);
  const commit = w.state.commits.get(sha);
  const entry = commit ? lookupPath(w, repo, commit.tree, path) : undefined;
  if (!entry) throw notFound();
  if (entry.type === "tree") {
    const tree = w.state.trees.get(entry.sha);
    return json(200, (tree?.entries ?? []).map((e) => entryInfo(w, repo, e, path === "" ? e.name : `${path}/${e.name}`, ref)));
  }
  const content = w.state.blobs.get(entry.sha)?.content ?? Buffer.alloc(0);
  if (/\.raw\b/.test(req.headers.accept ?? "")) return { status: 200, text: { contentType: "text/plain; charset=utf-8", content } };
  return json(200, { ...entryInfo(w, repo, entry, path, ref), content: wrappedBase64(content), encoding: "base64" });
}

/** PUT and DELETE: one commit on the branch, guarded by the file's current blob SHA. */
function writeContents(ctx: RepoRouteContext, remove: boolean) {
  const { w, repo, req, caller } = ctx;
  const path = (req.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const branch = str(req.body, "branch") ?? repo.defaultBranch;
  const parent = branchSha(repo, branch);
  if (parent === undefined) throw notFound(`Branch ${branch} not found`);
  const parentCommit = w.state.commits.get(parent);
  const flat = parentCommit ? flattenTree(w, repo, parentCommit.tree) : emptyFlat();
  const existing = flat.get(path);
  const given = str(req.body, "sha");
  if (existing && given === undefined && !remove) throw unprocessable('Invalid request.\n\n"sha" wasn\'t supplied.');
  if (remove && !existing) throw notFound();
  if (existing && given !== undefined && given !== existing.sha) throw new GitHubError(409, `${path} does not match ${given}`);
  if (remove) flat.delete(path);
  else flat.set(path, { mode: "100644", type: "blob", sha: writeBlob(w, repo, Buffer.from(str(req.body, "content") ?? "", "base64")) });
  assertMayUpdateBranch(w, repo, branch, { actor: caller.actor });
  const now = isoSeconds(w.now());
  const sig = { name: caller.actor.login, email: `${caller.actor.id}+${caller.actor.login}@users.noreply.github.com`, date: now };
  const sha = writeCommit(w, repo, { tree: buildTree(w, repo, flat), parents: [parent], message: str(req.body, "message") ?? "", author: sig, committer: sig, authorUserId: caller.actor.id });
  setRef(w, repo, branchRef(branch), sha, caller.actor);
  const commit = w.state.commits.get(sha);
  const entry = commit && !remove ? lookupPath(w, repo, commit.tree, path) : undefined;
  return json(remove || existing ? 200 : 201, {
    content: entry ? entryInfo(w, repo, entry, path, branch) : null,
    commit: commit ? renderGitCommit(w, repo, commit) : null,
  });
}

export const contentsRoutes: Route[] = [
  repoRoute("GET", "/repos/{owner}/{repo}/contents/{path}", ["contents", "read"], getContents),
  repoRoute("PUT", "/repos/{owner}/{repo}/contents/{path}", ["contents", "write"], (ctx) => writeContents(ctx, false)),
  repoRoute("DELETE", "/repos/{owner}/{repo}/contents/{path}", ["contents", "write"], (ctx) => writeContents(ctx, true)),
];
