// The check-run object; `pull_requests` lists open PRs whose head is the run's commit, and
// `app` is the app that owns the run (the app under test or, say, GitHub Actions).
import { appById, renderApp } from "./app.ts";
import { repoApiUrl, repoHtmlUrl } from "./repo.ts";
import { nodeId } from "../core/ids.ts";
import { issueOf, repoOf } from "../core/lookup.ts";
import { branchSha } from "../git/refs.ts";
import type { World } from "../core/world.ts";
import type { CheckRunRecord, RepoRecord } from "../types.ts";

function minimalRepo(w: World, repo: RepoRecord): Record<string, unknown> {
  return { id: repo.id, url: repoApiUrl(w, repo), name: repo.name };
}

function pullRequestsFor(w: World, repo: RepoRecord, sha: string): Record<string, unknown>[] {
  return [...w.state.pulls.values()]
    .filter((p) => p.repoKey === repo.key && p.headSha === sha && issueOf(w, p).state === "open")
    .map((p) => ({
      url: `${repoApiUrl(w, repo)}/pulls/${p.number}`,
      id: p.id,
      number: p.number,
      head: { ref: p.headRef, sha: p.headSha, repo: minimalRepo(w, repoOf(w, p.headRepoKey)) },
      base: { ref: p.baseRef, sha: branchSha(repo, p.baseRef) ?? p.baseSha, repo: minimalRepo(w, repo) },
    }));
}

export function renderCheckRun(w: World, run: CheckRunRecord, options: { fullSuite?: boolean } = {}): Record<string, unknown> {
  const repo = repoOf(w, run.repoKey);
  const api = `${repoApiUrl(w, repo)}/check-runs/${run.id}`;
  const pullRequests = pullRequestsFor(w, repo, run.headSha);
  const suite = options.fullSuite
    ? {
        id: run.checkSuiteId,
        node_id: nodeId("CheckSuite", run.checkSuiteId),
        head_branch: null,
        head_sha: run.headSha,
        status: run.status === "completed" ? "completed" : "in_progress",
        conclusion: run.status === "completed" ? run.conclusion : null,
        url: `${repoApiUrl(w, repo)}/check-suites/${run.checkSuiteId}`,
        before: null,
        after: null,
        pull_requests: pullRequests,
        app: renderApp(w, run.appId),
        created_at: run.startedAt,
        updated_at: run.completedAt ?? run.startedAt,
      }
    : { id: run.checkSuiteId };
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: run.nodeId,
    external_id: run.externalId ?? "",
    url: api,
    html_url: `${repoHtmlUrl(w, repo)}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${w.urls.html}/apps/${appById(w, run.appId).slug}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: run.name,
    check_suite: suite,
    app: renderApp(w, run.appId),
    pull_requests: pullRequests,
  };
}

export function renderAnnotations(w: World, run: CheckRunRecord): Record<string, unknown>[] {
  const repo = repoOf(w, run.repoKey);
  return run.annotations.map((a) => ({
    ...a,
    blob_href: `${repoHtmlUrl(w, repo)}/blob/${run.headSha}/${a.path}`,
  }));
}
