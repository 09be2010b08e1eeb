// Commit statuses, the older CI API: a required status check is met by a check run or by a
// commit status with that context.
import { isoSeconds, nodeId } from "../core/ids.ts";
import { renderCommitSummary } from "../render/commit.ts";
import { renderRepo, repoApiUrl } from "../render/repo.ts";
import { renderStatus } from "../render/status.ts";
import { getCommit } from "../git/objects.ts";
import { resolveCommitish } from "../git/refs.ts";
import { unprocessable } from "../http/errors.ts";
import { paginate } from "../http/paginate.ts";
import { str } from "../http/read-body.ts";
import { json, repoRoute, type RepoRouteContext, type Route } from "../http/route.ts";
import { envelope } from "../webhooks/envelope.ts";
import { latestStatuses } from "../core/lookup.ts";
import type { StatusRecord } from "../types.ts";

const states = ["error", "failure", "pending", "success"] as const;

function shaFor({ w, repo, req }: RepoRouteContext): string {
  const ref = req.params.ref ?? "";
  const sha = resolveCommitish(w, repo, ref);
  if (sha === undefined) throw unprocessable(`No commit found for SHA: ${ref}`);
  return sha;
}

export const statusRoutes: Route[] = [
  repoRoute("POST", "/repos/{owner}/{repo}/statuses/{sha}", ["statuses", "write"], ({ w, repo, req, caller }) => {
    const sha = req.params.sha ?? "";
    const commit = getCommit(w, repo, sha);
    if (!commit) throw unprocessable(`No commit found for SHA: ${sha}`);
    const state = states.find((s) => s === str(req.body, "state")) ?? "pending";
    const id = w.ids("status");
    const status: StatusRecord = {
      id,
      nodeId: nodeId("StatusContext", id),
      repoKey: repo.key,
      sha,
      state,
      context: str(req.body, "context") ?? "default",
      description: str(req.body, "description") ?? null,
      targetUrl: str(req.body, "target_url") ?? null,
      creatorId: caller.actor.id,
      createdAt: isoSeconds(w.now()),
    };
    w.state.statuses.set(id, status);
    const branches = [...repo.refs].filter(([ref, tip]) => ref.startsWith("refs/heads/") && tip === sha).map(([ref]) => ref.slice("refs/heads/".length));
    w.emit(
      "status",
      envelope(w, repo, caller.actor, {
        id,
        sha,
        name: `${repo.owner}/${repo.name}`,
        target_url: status.targetUrl,
        context: status.context,
        description: status.description,
        state,
        commit: renderCommitSummary(w, repo, commit),
        branches: branches.map((name) => ({ name, commit: { sha, url: `${repoApiUrl(w, repo)}/commits/${sha}` }, protected: repo.protections.has(name) })),
        created_at: status.createdAt,
        updated_at: status.createdAt,
      }),
    );
    return json(201, renderStatus(w, repo, status));
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/commits/{ref}/statuses", ["statuses", "read"], (ctx) => {
    const sha = shaFor(ctx);
    const all = [...ctx.w.state.statuses.values()].filter((s) => s.repoKey === ctx.repo.key && s.sha === sha).sort((a, b) => b.id - a.id);
    const page = paginate(ctx.req, all);
    return json(200, page.items.map((s) => renderStatus(ctx.w, ctx.repo, s)), page.headers);
  }),
  repoRoute("GET", "/repos/{owner}/{repo}/commits/{ref}/status", ["statuses", "read"], (ctx) => {
    const { w, repo } = ctx;
    const sha = shaFor(ctx);
    const latest = latestStatuses(w, repo.key, sha);
    const combined = latest.some((s) => s.state === "error" || s.state === "failure")
      ? "failure"
      : latest.length > 0 && latest.every((s) => s.state === "success")
        ? "success"
        : "pending";
    const full = renderRepo(w, repo);
    return json(200, {
      state: combined,
      statuses: latest.map((s) => renderStatus(w, repo, s)),
      sha,
      total_count: latest.length,
      repository: full,
      commit_url: `${repoApiUrl(w, repo)}/commits/${sha}`,
      url: `${repoApiUrl(w, repo)}/commits/${sha}/status`,
    });
  }),
];
