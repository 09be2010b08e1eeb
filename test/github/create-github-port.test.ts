import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { createGitHubPort } from "../../src/github/create-github-port.ts";

const repo = { owner: "acme", repo: "rocket" };
type Route = (method: string, path: string) => { status: number; body: unknown } | undefined;

/** The port over an Octokit whose requests `route` answers (404 for any other); `requests` lists them as sent. */
function port(route: Route) {
  const requests: string[] = [];
  const fetch = (url: string, init: { method?: string }) => {
    const method = init.method ?? "GET";
    const path = decodeURIComponent(new URL(url).pathname);
    requests.push(`${method} ${path}`);
    const answer = route(method, path) ?? { status: 404, body: { message: "Not Found" } };
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } }));
  };
  const Octokit = ProbotOctokit.defaults({ request: { fetch }, throttle: { enabled: false }, retry: { enabled: false }, log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
  return { github: createGitHubPort(new Octokit({ auth: { token: "t" } })), requests };
}

describe("createGitHubPort", () => {
  it("reads an empty repository's default branch head as undefined (GitHub's 409), and a branch's head otherwise", async () => {
    const empty = port((method, path) => (path === "/repos/acme/rocket" ? { status: 200, body: { default_branch: "main" } } : path.endsWith("/git/ref/heads/main") ? { status: 409, body: { message: "Git Repository is empty." } } : undefined));
    expect(await empty.github.findDefaultBranchHead(repo)).toBeUndefined();
    const full = port((method, path) => (path === "/repos/acme/rocket" ? { status: 200, body: { default_branch: "main" } } : path.endsWith("/git/ref/heads/main") ? { status: 200, body: { object: { sha: "abc" } } } : undefined));
    expect(await full.github.findDefaultBranchHead(repo)).toEqual({ branch: "main", sha: "abc" });
    expect(await full.github.getDefaultBranch(repo)).toBe("main");
  });

  it("answers the pull request's merge state, its files and whether a check run is there, as plain data", async () => {
    const { github } = port((method, path) => {
      if (path === "/repos/acme/rocket/pulls/7") return { status: 200, body: { merged: true, merge_commit_sha: "m1", head: { sha: "h1", ref: "pitwall/x" } } };
      if (path === "/repos/acme/rocket/pulls/7/files") return { status: 200, body: [{ filename: "a.ts", status: "removed" }] };
      if (path === "/repos/acme/rocket/commits/h1/check-runs") return { status: 200, body: { total_count: 1, check_runs: [{ id: 1, external_id: "ordinary:7:h1" }] } };
      return undefined;
    });
    expect(await github.getPullRequest(repo, 7)).toEqual({ merged: true, mergeCommitSha: "m1", headSha: "h1" });
    expect(await github.pullRequestFiles(repo, 7)).toEqual([{ path: "a.ts", status: "removed" }]);
    expect(await github.hasCheckRun(repo, "h1", "pitwall/gate", "ordinary:7:h1")).toBe(true);
    expect(await github.hasCheckRun(repo, "h1", "pitwall/gate", "ordinary:8:h1")).toBe(false);
  });

  it("guards writes, not reads, once guardWrites is given a check", async () => {
    const { github, requests } = port((method, path) => (method === "GET" ? { status: 200, body: { title: "t", body: null, user: { login: "ada" }, state: "open" } } : path.endsWith("/comments") ? { status: 201, body: { id: 5 } } : undefined));
    let checks = 0;
    const guarded = github.guardWrites(async () => {
      checks += 1;
      await Promise.resolve();
    });
    await guarded.getIssue(repo, 1);
    expect(checks).toBe(0);
    expect(await guarded.postComment(repo, 1, "hello")).toBe(5);
    expect(checks).toBe(1);
    const stopped = github.guardWrites(() => Promise.reject(new Error("stopped")));
    await expect(stopped.postComment(repo, 1, "again")).rejects.toThrow("stopped");
    expect(requests.filter((request) => request.startsWith("POST"))).toHaveLength(1);
  });
});
