// Pull requests: open (with GitHub's 422s), list with head/base filters, read, edit, files, commits.
import { setIssueState, updateIssue } from "../actions/issue-actions.ts";
import { changeBase, openPull } from "../actions/pull-actions.ts";
import { findPull, findRepo, issueOf, repoKey } from "../core/lookup.ts";
import { commitsBetween, mergeBase } from "../git/ancestry.ts";
import { diffTrees } from "../git/diff-trees.ts";
import { flattenTree } from "../git/flat-tree.ts";
import { branchSha } from "../git/refs.ts";
import { notFound, unprocessable, validationFailed } from "../http/errors.ts";
import { limitIssueFields } from "../http/field-limits.ts";
import { paginate } from "../http/paginate.ts";
import { asRecord, bool, has, intParam, str } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { renderCommitSummary } from "../render/commit.ts";
import { renderDiffEntry } from "../render/diff-entry.ts";
import { renderPull } from "../render/pull.ts";
import type { World } from "../core/world.ts";
import type { PullRecord, RepoRecord } from "../types.ts";

export function requirePull({ w, repo, req }: RepoRouteContext): PullRecord {
  const pull = findPull(w, repo, intParam(req.params.pull_number));
  if (!pull) throw notFound();
  return pull;
}

/** `head` is `branch` or `owner:branch`; another owner means that owner's repo of the same name. */
function headOf(w: World, repo: RepoRecord, head: string): { repo: RepoRecord; ref: string } {
  const colon = head.indexOf(":");
  if (colon === -1) return { repo, ref: head };
  const owner = head.slice(0, colon);
  const headRepo = owner.toLowerCase() === repo.owner.toLowerCase() ? repo : findRepo(w, repoKey(owner, repo.name));
  if (!headRepo) throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
  return { repo: headRepo, ref: head.slice(colon + 1) };
}

function range(w: World, pull: PullRecord): { base: string; head: string } {
  const repo = findRepo(w, pull.repoKey);
  const open = issueOf(w, pull).state === "open";
  const baseTip = (open && repo ? branchSha(repo, pull.baseRef) : undefined) ?? pull.baseSha;
  return { base: mergeBase(w, baseTip, pull.headSha) ?? baseTip, head: pull.headSha };
}

function listPulls({ w, repo, req }: RepoRouteContext) {
  const state = req.query.get("state") ?? "open";
  const head = req.query.get("head");
  const base = req.query.get("base");
  const direction = req.query.get("direction") ?? "desc";
  const wantedHead = head === null ? undefined : headOf(w, repo, head.includes(":") ? head : `${repo.owner}:${head}`);
  const pulls = [...w.state.pulls.values()]
    .filter((p) => p.repoKey === repo.key)
    .filter((p) => state === "all" || issueOf(w, p).state === state)
    .filter((p) => !wantedHead || (p.headRepoKey === wantedHead.repo.key && p.headRef === wantedHead.ref))
    .filter((p) => base === null || p.baseRef === base)
    .sort((a, b) => (direction === "asc" ? a.id - b.id : b.id - a.id));
  const page = paginate(req, pulls);
  return json(200, page.items.map((p) => renderPull(w, p)), page.headers);
}

export const pullRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/pulls", ["pull_requests", "write"], ({ w, repo, req, caller }) => {
    const title = str(req.body, "title");
    if (title === undefined || title.trim() === "") throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "title" });
    limitIssueFields({ title, body: str(req.body, "body") });
    const head = headOf(w, repo, str(req.body, "head") ?? "");
    const pull = openPull(w, repo, {
      title,
      body: str(req.body, "body") ?? null,
      author: caller.actor,
      headRepo: head.repo,
      headRef: head.ref,
      baseRef: str(req.body, "base") ?? "",
      draft: bool(req.body, "draft") ?? false,
      maintainerCanModify: bool(req.body, "maintainer_can_modify") ?? true,
    });
    return json(201, renderPull(w, pull), { location: `${w.urls.api}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}` });
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/pulls", ["pull_requests", "read"], listPulls),
  repoRoute("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", ["pull_requests", "read"], (ctx) => json(200, renderPull(ctx.w, requirePull(ctx)))),
  repoRoute("PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}", ["pull_requests", "write"], (ctx) => {
    const { w, repo, req, caller } = ctx;
    const pull = requirePull(ctx);
    const issue = issueOf(w, pull);
    const body = asRecord(req.body);
    const state = str(body, "state");
    if (state === "open" && issue.state === "closed" && (pull.merged || branchSha(repo, pull.headRef) === undefined)) {
      throw unprocessable("state cannot be changed. The pull request cannot be reopened.");
    }
    limitIssueFields({ title: str(body, "title"), body: str(body, "body") });
    const base = str(body, "base");
    if (base !== undefined) changeBase(w, repo, pull, base, caller.actor);
    if (has(body, "maintainer_can_modify")) pull.maintainerCanModify = bool(body, "maintainer_can_modify") ?? pull.maintainerCanModify;
    updateIssue(w, repo, issue, { ...(has(body, "title") ? { title: str(body, "title") ?? "" } : {}), ...(has(body, "body") ? { body: str(body, "body") ?? null } : {}) }, caller.actor);
    if ((state === "open" || state === "closed") && state !== issue.state) setIssueState(w, issue, state, null, caller.actor);
    return json(200, renderPull(w, pull));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", ["pull_requests", "read"], (ctx) => {
    const { w, repo } = ctx;
    const pull = requirePull(ctx);
    const { base, head } = range(w, pull);
    const tree = (sha: string) => flattenTree(w, repo, w.state.commits.get(sha)?.tree ?? "");
    // GitHub lists at most 3000 files for a pull request
    const files = diffTrees(tree(base), tree(head)).slice(0, 3000);
    const page = paginate(ctx.req, files);
    return json(200, page.items.map((c) => renderDiffEntry(w, repo, c, head)), page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits", ["pull_requests", "read"], (ctx) => {
    const { w, repo } = ctx;
    const { base, head } = range(w, requirePull(ctx));
    const page = paginate(ctx.req, commitsBetween(w, base, head).slice(0, 250));
    return json(200, page.items.flatMap((sha) => {
      const commit = w.state.commits.get(sha);
      return commit ? [renderCommitSummary(w, repo, commit)] : [];
    }), page.headers);
  }),
];
