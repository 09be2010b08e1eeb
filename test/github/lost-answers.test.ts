// A write GitHub applied whose answer was lost (the connection dropped mid-response) is never
// sent again blindly by Octokit's own retry: that made a second status card or check run. The
// job's retry finds the write by its identity (marker, external id, head, key) instead.
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { createGitHubPort } from "../../src/github/create-github-port.ts";

const repo = { owner: "acme", repo: "rocket" };
const own = { id: 1, login: "pitwall[bot]" };
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The port over an Octokit with its retries ON (as in production, retrying at once): `create`
 * counts the POSTs to `path`, each applied and then lost; every other request answers `{}`-ish.
 */
function lossyPort(path: string, reads: Record<string, unknown> = {}) {
  let creates = 0;
  const fetch = (url: string, init: { method?: string }) => {
    const method = init.method ?? "GET";
    const at = decodeURIComponent(new URL(url).pathname);
    if (method === "POST" && at === path) {
      creates += 1;
      return Promise.reject(new TypeError("fetch failed", { cause: new Error("socket hang up") }));
    }
    const body = reads[at] ?? [];
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } }));
  };
  const Octokit = ProbotOctokit.defaults({ request: { fetch }, throttle: { enabled: false }, retry: { retryAfterBaseValue: 1 }, log: quiet });
  return { github: createGitHubPort(new Octokit({ auth: { token: "t" } })), creates: () => creates };
}

describe("a create whose answer is lost", () => {
  it("is sent once: the status card", async () => {
    const lossy = lossyPort("/repos/acme/rocket/issues/1/comments");
    await expect(lossy.github.upsertComment(own, repo, 1, "<!-- pitwall:status-card -->", "card")).rejects.toThrow();
    expect(lossy.creates()).toBe(1);
  });

  it("is sent once: a comment without a marker", async () => {
    const lossy = lossyPort("/repos/acme/rocket/issues/1/comments");
    await expect(lossy.github.postComment(repo, 1, "hello")).rejects.toThrow();
    expect(lossy.creates()).toBe(1);
  });

  it("is sent once: a check run", async () => {
    const lossy = lossyPort("/repos/acme/rocket/check-runs", { "/repos/acme/rocket/commits/h1/check-runs": { total_count: 0, check_runs: [] } });
    await expect(lossy.github.upsertCheckRun(repo, { name: "pitwall/gate", headSha: "h1", externalId: "gate:1", status: "in_progress", title: "t", summary: "s" })).rejects.toThrow();
    expect(lossy.creates()).toBe(1);
  });

  it("is sent once: a pull request", async () => {
    const lossy = lossyPort("/repos/acme/rocket/pulls");
    await expect(lossy.github.ensurePullRequest(repo, { head: "pitwall/1/spec", base: "main", title: "t", body: "b" })).rejects.toThrow();
    expect(lossy.creates()).toBe(1);
  });

  it("is sent once: a deployment", async () => {
    const lossy = lossyPort("/repos/acme/rocket/deployments");
    await expect(lossy.github.ensureDeployment(repo, { sha: "h1", environment: "staging", production: false, description: "d", key: "1:integrate:1:h1" })).rejects.toThrow();
    expect(lossy.creates()).toBe(1);
  });

  it("is sent once: a follow-up issue", async () => {
    const lossy = lossyPort("/repos/acme/rocket/issues");
    await expect(lossy.github.createIssue(repo, { title: "t", body: "b", labels: [] })).rejects.toThrow();
    expect(lossy.creates()).toBe(1);
  });
});
