// Git Data API objects: blobs, trees (with base_tree, inline content, `sha: null` deletes,
// nested paths) and commits. SHAs are real git object ids.
import { isoSeconds } from "../core/ids.ts";
import { buildTree, emptyFlat, flattenTree } from "../git/flat-tree.ts";
import { linkedUserId } from "../git/linked-user-id.ts";
import { getBlob, getCommit, getTree, writeBlob, writeCommit } from "../git/objects.ts";
import { resolveCommitish } from "../git/refs.ts";
import { applyTreeEdits, type TreeEdit } from "../git/tree-edit.ts";
import { notFound, unprocessable } from "../http/errors.ts";
import { asRecord, isRecord, list, str, strings } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderBlob, renderGitCommit, renderTree } from "../render/git.ts";
import { repoApiUrl } from "../render/repo.ts";
import type { GitSignature, TreeMode } from "../types.ts";

const modeType: Record<TreeMode, "blob" | "tree" | "commit"> = { "100644": "blob", "100755": "blob", "120000": "blob", "040000": "tree", "160000": "commit" };

const isTreeMode = (mode: string | undefined): mode is TreeMode => mode !== undefined && Object.hasOwn(modeType, mode);

function parseEdit(ctx: RepoRouteContext, raw: unknown): TreeEdit {
  const { w, repo } = ctx;
  const entry = asRecord(raw);
  const path = str(entry, "path") ?? "";
  if (path === "" || path.split("/").some((p) => p === "" || p === "." || p === ".." || p === ".git")) {
    throw unprocessable(`tree.path contains a malformed path component`);
  }
  const mode = str(entry, "mode");
  const type = str(entry, "type");
  if (!isTreeMode(mode) || type === undefined) throw unprocessable(`Must supply a valid tree.mode and tree.type for ${path}`);
  if (modeType[mode] !== type) throw unprocessable(`tree.mode ${mode} does not match tree.type ${type} for ${path}`);
  const hasContent = typeof entry.content === "string";
  if (hasContent && "sha" in entry) throw unprocessable("Must supply either tree.sha or tree.content. Request can only contain one of them.");
  if (hasContent) {
    if (type !== "blob") throw unprocessable(`tree.content can only be used with blobs (${path})`);
    return { path, action: "set", mode, type: "blob", sha: writeBlob(w, repo, Buffer.from(str(entry, "content") ?? "", "utf8")) };
  }
  if (!("sha" in entry)) throw unprocessable("Must supply either tree.sha or tree.content");
  if (entry.sha === null) return { path, action: "delete" };
  const sha = str(entry, "sha") ?? "";
  if (type === "tree") {
    if (!getTree(w, repo, sha)) throw unprocessable(`tree.sha ${sha} is not a valid tree`);
    return { path, action: "graft", sha };
  }
  if (type === "blob" && !getBlob(w, repo, sha)) throw unprocessable(`tree.sha ${sha} is not a valid blob`);
  return { path, action: "set", mode, type: type === "commit" ? "commit" : "blob", sha };
}

function signature(ctx: RepoRouteContext, raw: unknown, fallback: GitSignature): GitSignature {
  if (!isRecord(raw)) return fallback;
  const date = str(raw, "date");
  return { name: str(raw, "name") ?? fallback.name, email: str(raw, "email") ?? fallback.email, date: date ? isoSeconds(new Date(date)) : fallback.date };
}

function createCommit(ctx: RepoRouteContext) {
  const { w, repo, req, caller } = ctx;
  const tree = str(req.body, "tree") ?? "";
  if (!getTree(w, repo, tree)) throw unprocessable("Tree SHA does not exist");
  const parents = strings(req.body, "parents") ?? [];
  for (const parent of parents) if (!getCommit(w, repo, parent)) throw unprocessable("Parent SHA does not exist or is not a commit object");
  const now = isoSeconds(w.now());
  const bot = { name: caller.actor.login, email: `${caller.actor.id}+${caller.actor.login}@users.noreply.github.com`, date: now };
  const author = signature(ctx, asRecord(req.body).author, bot);
  const committer = signature(ctx, asRecord(req.body).committer, author);
  const sha = writeCommit(w, repo, { tree, parents, message: str(req.body, "message") ?? "", author, committer, authorUserId: linkedUserId(w, author.email), committerUserId: linkedUserId(w, committer.email) });
  const commit = getCommit(w, repo, sha);
  if (!commit) throw new Error("wind tunnel: commit vanished");
  return json(201, renderGitCommit(w, repo, commit), { location: `${repoApiUrl(w, repo)}/git/commits/${sha}` });
}

export const gitObjectRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/git/blobs", ["contents", "write"], ({ w, repo, req }) => {
    const encoding = str(req.body, "encoding") ?? "utf-8";
    if (encoding !== "utf-8" && encoding !== "utf8" && encoding !== "base64") throw unprocessable(`encoding must be either "utf-8" or "base64"`);
    const sha = writeBlob(w, repo, Buffer.from(str(req.body, "content") ?? "", encoding === "base64" ? "base64" : "utf8"));
    const url = `${repoApiUrl(w, repo)}/git/blobs/${sha}`;
    return json(201, { url, sha }, { location: url });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", ["contents", "read"], ({ w, repo, req }) => {
    const blob = getBlob(w, repo, req.params.file_sha ?? "");
    if (!blob) throw notFound();
    return json(200, renderBlob(w, repo, blob));
  }),
  repoRoute("POST", "/repos/{owner}/{repo}/git/trees", ["contents", "write"], (ctx) => {
    const { w, repo, req } = ctx;
    const baseTree = str(req.body, "base_tree");
    if (baseTree !== undefined && !getTree(w, repo, baseTree)) throw unprocessable(`base_tree ${baseTree} is not a valid tree oid`);
    const edits = (list(req.body, "tree") ?? []).map((raw) => parseEdit(ctx, raw));
    const base = baseTree === undefined ? emptyFlat() : flattenTree(w, repo, baseTree);
    const sha = buildTree(w, repo, applyTreeEdits(w, repo, base, edits));
    const tree = getTree(w, repo, sha);
    if (!tree) throw new Error("wind tunnel: tree vanished");
    return json(201, renderTree(w, repo, tree, false), { location: `${repoApiUrl(w, repo)}/git/trees/${sha}` });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", ["contents", "read"], ({ w, repo, req }) => {
    const wanted = req.params.tree_sha ?? "";
    // GitHub accepts a tree SHA, a commit SHA or a ref name here
    const commitSha = getTree(w, repo, wanted) ? undefined : resolveCommitish(w, repo, wanted);
    const tree = getTree(w, repo, commitSha === undefined ? wanted : (getCommit(w, repo, commitSha)?.tree ?? ""));
    if (!tree) throw notFound();
    return json(200, renderTree(w, repo, tree, req.query.has("recursive")));
  }),
  repoRoute("POST", "/repos/{owner}/{repo}/git/commits", ["contents", "write"], createCommit),
  repoRoute("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}", ["contents", "read"], ({ w, repo, req }) => {
    const commit = getCommit(w, repo, req.params.commit_sha ?? "");
    if (!commit) throw notFound();
    return json(200, renderGitCommit(w, repo, commit));
  }),
];
