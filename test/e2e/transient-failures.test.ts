import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWindTunnel, type WindTunnel } from "../../windtunnel/index.ts";
import { commentsOn, pullsIn } from "../support/world-queries.ts";

const repo = "acme/rocket";

describe("a GitHub error half-way through a pass", () => {
  let tunnel: WindTunnel;
  beforeAll(async () => {
    tunnel = await startWindTunnel();
    const gh = tunnel.github;
    gh.createUser({ login: "alice" });
    gh.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n" } });
    gh.installApp({ installationId: tunnel.installationId, account: "acme", repos: [repo] });
    gh.setPermission(repo, "alice", "write");
  });
  afterAll(async () => {
    await tunnel?.close();
  });

  it("is retried by the worker and resumes the pass without duplicating its commit, PR or comments", async () => {
    const gh = tunnel.github;
    // The branch is committed, then opening the PR fails once with GitHub's 500.
    gh.injectFault({ method: "POST", route: "/repos/{owner}/{repo}/pulls", times: 1, respond: "server-error" });
    const issue = gh.createIssue(repo, { title: "Add search", body: "Search by name.", author: "alice" });
    gh.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
    await tunnel.settle();

    const failures = gh.requests.filter((request) => request.method === "POST" && request.status === 500);
    expect(failures).toHaveLength(1);
    const pulls = pullsIn(gh, repo);
    expect(pulls).toHaveLength(1);
    const branchHead = gh.state.repos.get(repo)!.refs.get(`refs/heads/pitwall/${issue.number}/spec`)!;
    // One commit on top of main: the retry found its tree unchanged and made no second commit.
    expect(gh.state.commits.get(branchHead)?.parents).toEqual([gh.state.repos.get(repo)!.refs.get("refs/heads/main")]);
    expect(pulls[0]?.headSha).toBe(branchHead);
    const cards = commentsOn(gh, repo, issue.number).filter((comment) => comment.body.startsWith("<!-- pitwall:status-card -->"));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.body).toContain("🚦 awaiting gate");
    expect(commentsOn(gh, repo, pulls[0]!.number).filter((comment) => comment.body.startsWith("<!-- pitwall:cost:spec:1 -->"))).toHaveLength(1);
    const jobs = await tunnel.pitwall.sql.query<{ kind: string; status: string; attempts: number }>("select kind, status, attempts from jobs where kind = 'run_pass'");
    expect(jobs).toEqual([{ kind: "run_pass", status: "done", attempts: 2 }]);
    // The retry found the specifier's outputs in the artifact cache: no second model call, and
    // the ledger records the hit and what it saved.
    const specCalls = tunnel.anthropic.requests.filter((request) => (request.body as { tools: { name: string }[] }).tools.some((tool) => tool.name === "submit_artifacts"));
    expect(specCalls).toHaveLength(1);
    const ledger = await tunnel.pitwall.sql.query<{ agent: string; usd: string; cache_hit: boolean; saving_usd: string }>("select agent, usd::text as usd, cache_hit, saving_usd::text as saving_usd from ledger where agent = 'specifier' order by id");
    expect(ledger).toEqual([
      { agent: "specifier", usd: "0.023700000", cache_hit: false, saving_usd: "0.000000000" },
      { agent: "specifier", usd: "0.000000000", cache_hit: true, saving_usd: "0.023700000" },
    ]);
    expect(gh.violations).toEqual([]);
  });
});
