// GET /commits/{ref} and GET /compare/{basehead}.
import { commitsBetween, mergeBase } from "../git/ancestry.ts";
import { diffTrees } from "../git/diff-trees.ts";
import { flattenTree } from "../git/flat-tree.ts";
import { resolveCommitish } from "../git/refs.ts";
import { notFound, unprocessable } from "../http/errors.ts";
import { paginate } from "../http/paginate.ts";
import { json, repoRoute, type Route } from "../http/route.ts";
import { renderCommitSummary, renderCommitWithFiles } from "../render/commit.ts";
import { renderDiffEntry } from "../render/diff-entry.ts";
import { repoApiUrl, repoHtmlUrl } from "../render/repo.ts";
import type { World } from "../core/world.ts";
import type { CommitRecord, RepoRecord } from "../types.ts";

function commitAt(w: World, sha: string): CommitRecord {
  const commit = w.state.commits.get(sha);
  if (!commit) throw notFound();
  return commit;
}

/** `base...head`, `base..head`; either side may carry an `owner:` prefix for the same repo. */
function splitBasehead(w: World, repo: RepoRecord, basehead: string): { base: string; head: string } {
  const [base, head] = basehead.includes("...") ? basehead.split("...", 2) : basehead.split("..", 2);
  const strip = (side: string | undefined) => {
    const value = side ?? "";
    const colon = value.indexOf(":");
    return colon > 0 && value.slice(0, colon).toLowerCase() === repo.owner.toLowerCase() ? value.slice(colon + 1) : value;
  };
  const baseSha = resolveCommitish(w, repo, strip(base));
  const headSha = resolveCommitish(w, repo, strip(head));
  if (baseSha === undefined || headSha === undefined) throw notFound();
  return { base: baseSha, head: headSha };
}

export const commitRoutes: Route[] = [
  repoRoute("GET", "/repos/{owner}/{repo}/commits/{ref}", ["contents", "read"], ({ w, repo, req }) => {
    const ref = req.params.ref ?? "";
    const sha = resolveCommitish(w, repo, ref);
    if (sha === undefined) throw unprocessable(`No commit found for SHA: ${ref}`);
    return json(200, renderCommitWithFiles(w, repo, commitAt(w, sha)));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/compare/{basehead}", ["contents", "read"], ({ w, repo, req }) => {
    const basehead = req.params.basehead ?? "";
    const { base, head } = splitBasehead(w, repo, basehead);
    const mb = mergeBase(w, base, head);
    if (mb === undefined) throw notFound(`No common ancestor between ${basehead.replace(/\.{2,3}/, " and ")}.`);
    const ahead = commitsBetween(w, base, head);
    const behind = commitsBetween(w, head, base);
    const status = ahead.length === 0 && behind.length === 0 ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
    const files = diffTrees(flattenTree(w, repo, commitAt(w, mb).tree), flattenTree(w, repo, commitAt(w, head).tree));
    const page = paginate(req, ahead.slice(0, 250));
    return json(
      200,
      {
        url: `${repoApiUrl(w, repo)}/compare/${basehead}`,
        html_url: `${repoHtmlUrl(w, repo)}/compare/${basehead}`,
        permalink_url: `${repoHtmlUrl(w, repo)}/compare/${repo.owner}:${base.slice(0, 7)}...${repo.owner}:${head.slice(0, 7)}`,
        diff_url: `${repoHtmlUrl(w, repo)}/compare/${basehead}.diff`,
        patch_url: `${repoHtmlUrl(w, repo)}/compare/${basehead}.patch`,
        base_commit: renderCommitSummary(w, repo, commitAt(w, base)),
        merge_base_commit: renderCommitSummary(w, repo, commitAt(w, mb)),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: page.items.map((sha) => renderCommitSummary(w, repo, commitAt(w, sha))),
        files: files.slice(0, 300).map((change) => renderDiffEntry(w, repo, change, head)),
      },
      page.headers,
    );
  }),
];
