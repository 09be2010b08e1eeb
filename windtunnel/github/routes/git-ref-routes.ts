// Git references: read, list by prefix, create, move (fast-forward unless forced) and delete,
// with GitHub's 422/409 answers. Moving a branch raises `push` and PR `synchronize` events.
import { setRef } from "../actions/update-ref.ts";
import { isAncestor } from "../git/ancestry.ts";
import { getCommit } from "../git/objects.ts";
import { GitHubError, notFound, unprocessable } from "../http/errors.ts";
import { bool, str } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderRef } from "../render/git.ts";
import { assertMayUpdateBranch } from "./protected-push.ts";

/** `heads/main` in the URL means `refs/heads/main`. */
const fullRef = (ref: string): string => (ref.startsWith("refs/") ? ref : `refs/${ref}`);

function existingRef({ repo, req }: RepoRouteContext): { ref: string; sha: string } {
  const ref = fullRef(req.params.ref ?? "");
  const sha = repo.refs.get(ref);
  if (sha === undefined) throw unprocessable("Reference does not exist");
  return { ref, sha };
}

const branchOf = (ref: string): string | undefined => (ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : undefined);

export const gitRefRoutes: Route[] = [
  repoRoute("GET", "/repos/{owner}/{repo}/git/ref/{ref}", ["contents", "read"], ({ w, repo, req }) => {
    const ref = fullRef(req.params.ref ?? "");
    const sha = repo.refs.get(ref);
    if (sha === undefined) throw notFound();
    return json(200, renderRef(w, repo, ref, sha));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref}", ["contents", "read"], ({ w, repo, req }) => {
    const prefix = fullRef(req.params.ref ?? "");
    const refs = [...repo.refs].filter(([ref]) => ref.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return json(200, refs.map(([ref, sha]) => renderRef(w, repo, ref, sha)));
  }),
  repoRoute("POST", "/repos/{owner}/{repo}/git/refs", ["contents", "write"], ({ w, repo, req, caller }) => {
    const ref = str(req.body, "ref") ?? "";
    const sha = str(req.body, "sha") ?? "";
    if (!ref.startsWith("refs/") || ref.split("/").length < 3 || ref.split("/").some((p) => p === "")) {
      throw unprocessable("Reference name is not valid: it must start with 'refs' and have at least two slashes.");
    }
    if (!getCommit(w, repo, sha)) throw unprocessable("Object does not exist");
    if (repo.refs.has(ref)) throw unprocessable("Reference already exists");
    setRef(w, repo, ref, sha, caller.actor);
    return json(201, renderRef(w, repo, ref, sha), { location: `${w.urls.api}/repos/${repo.owner}/${repo.name}/git/${ref}` });
  }),
  repoRoute("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}", ["contents", "write"], (ctx) => {
    const { w, repo, req, caller } = ctx;
    const { ref, sha: current } = existingRef(ctx);
    const sha = str(req.body, "sha") ?? "";
    const force = bool(req.body, "force") ?? false;
    if (!getCommit(w, repo, sha)) throw unprocessable("Object does not exist");
    const fastForward = isAncestor(w, current, sha);
    if (!fastForward && !force) throw new GitHubError(409, "Update is not a fast forward");
    const branch = branchOf(ref);
    if (branch !== undefined && sha !== current) assertMayUpdateBranch(w, repo, branch, { forced: !fastForward, actor: caller.actor });
    setRef(w, repo, ref, sha, caller.actor, !fastForward);
    return json(200, renderRef(w, repo, ref, sha));
  }),
  repoRoute("DELETE", "/repos/{owner}/{repo}/git/refs/{ref}", ["contents", "write"], (ctx) => {
    const { w, repo, caller } = ctx;
    const { ref } = existingRef(ctx);
    const branch = branchOf(ref);
    if (branch === repo.defaultBranch) throw unprocessable("Cannot delete the default branch");
    if (branch !== undefined) assertMayUpdateBranch(w, repo, branch, { deleting: true, actor: ctx.caller.actor });
    setRef(w, repo, ref, null, caller.actor);
    return json(204);
  }),
];
