// Crash safety (issue 16, point 3): a job that stops half-way — a GitHub 5xx, or a write GitHub
// applied whose answer was lost — is retried and finishes the work item without stranding it and
// without a duplicate card, PR or check run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWindTunnel, type Fault, type WindTunnel } from "../../windtunnel/index.ts";
import { commentsOn, pullsIn } from "../support/world-queries.ts";

const repo = "acme/rocket";
const cardMarker = "<!-- pitwall:status-card -->";

let tunnel: WindTunnel;
beforeAll(async () => {
  tunnel = await startWindTunnel();
  const gh = tunnel.github;
  gh.createUser({ login: "alice" });
  gh.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n" } });
  gh.installApp({ installationId: tunnel.installationId, account: "acme", repos: [repo] });
  gh.setPermission(repo, "alice", "write");
  // The installation's own jobs (labels, lint) finish first, so each fault hits the work item's call.
  await tunnel.settle();
});
afterAll(async () => {
  await tunnel?.close();
});

/** Labels a new issue with `fault` injected, and waits until everything (retries too) is done. */
async function startWith(title: string, ...faults: Fault[]): Promise<number> {
  const gh = tunnel.github;
  const issue = gh.createIssue(repo, { title, body: "Search by name.", author: "alice" });
  for (const fault of faults) gh.injectFault(fault);
  gh.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
  await tunnel.settle();
  gh.clearFaults();
  return issue.number;
}

async function workItemOf(issueNumber: number): Promise<{ state: string; current_pass: string | null }> {
  const [row] = await tunnel.pitwall.sql.query<{ state: string; current_pass: string | null }>("select state, current_pass from work_items where issue_number = $1", [issueNumber]);
  if (!row) throw new Error(`no work item for #${issueNumber}`);
  return row;
}

function cardsOn(issueNumber: number): string[] {
  return commentsOn(tunnel.github, repo, issueNumber)
    .filter((comment) => comment.body.startsWith(cardMarker))
    .map((comment) => comment.body);
}

function pullsFor(issueNumber: number) {
  return pullsIn(tunnel.github, repo).filter((pull) => pull.issue.title.includes(`(#${issueNumber})`));
}

/** The work item ran its first pass once and waits at its gate, with one card that says so. */
async function expectFirstPassAtGate(issueNumber: number): Promise<void> {
  expect(await workItemOf(issueNumber)).toEqual({ state: "awaiting_gate", current_pass: "spec" });
  expect(pullsFor(issueNumber)).toHaveLength(1);
  const cards = cardsOn(issueNumber);
  expect(cards).toHaveLength(1);
  expect(cards[0]).toContain("🚦 awaiting gate");
}

describe("starting a work item, stopped half-way", () => {
  const issueRoute = "/repos/{owner}/{repo}/issues/{issue_number}";
  const commentsRoute = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
  const cases: [string, Fault][] = [
    ["reading the definitions fails with a 500", { method: "GET", route: "/repos/{owner}/{repo}/contents/{path}", respond: "server-error" }],
    ["reading the issue for the forecast fails with a 500", { method: "GET", route: issueRoute, respond: "server-error" }],
    ["looking for the status card fails with a 500", { method: "GET", route: commentsRoute, respond: "server-error" }],
    ["posting the status card fails with a 500", { method: "POST", route: commentsRoute, respond: "server-error" }],
    ["the status card is posted but GitHub's answer is lost", { method: "POST", route: commentsRoute, respond: "lost-response" }],
  ];
  it.each(cases)("is finished by the job's retry when %s", async (what, fault) => {
    const issueNumber = await startWith(`Start: ${what}`, fault);
    expect(tunnel.github.requests.filter((request) => request.status >= 500 || request.lost === true).length).toBeGreaterThan(0);
    await expectFirstPassAtGate(issueNumber);
  });

  it("is finished by re-adding the label once the job gave up", async () => {
    const gh = tunnel.github;
    const sql = tunnel.pitwall.sql;
    const issue = gh.createIssue(repo, { title: "Start: the forecast fails for good", body: "Search by name.", author: "alice" });
    // The forecast's read of the issue waits, fails, and the job has no attempt left: it gives up.
    let release = (): void => undefined;
    gh.injectFault({ method: "GET", route: issueRoute, respond: "server-error", until: new Promise<void>((resolve) => (release = resolve)) });
    gh.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
    await expect.poll(async () => (await sql.query("select id from jobs where kind = 'start_work_item' and status = 'running' and (payload->>'issueNumber')::int = $1", [issue.number])).length, { timeout: 10_000 }).toBe(1);
    await sql.query("update jobs set max_attempts = attempts where kind = 'start_work_item' and (payload->>'issueNumber')::int = $1", [issue.number]);
    release();
    await tunnel.settle();
    expect(await sql.query("select status from jobs where kind = 'start_work_item' and (payload->>'issueNumber')::int = $1", [issue.number])).toEqual([{ status: "failed" }]);
    expect(await workItemOf(issue.number)).toEqual({ state: "queued", current_pass: null });
    gh.removeLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
    await tunnel.settle();
    gh.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
    await tunnel.settle();
    await expectFirstPassAtGate(issue.number);
  });
});

describe("a pass stopped between opening its PR and setting up its gate", () => {
  const checkRunsRoute = "/repos/{owner}/{repo}/check-runs";
  const cases: [string, Fault][] = [
    ["the first check run fails with a 500", { method: "POST", route: checkRunsRoute, respond: "server-error" }],
    ["the first check run is created but GitHub's answer is lost", { method: "POST", route: checkRunsRoute, respond: "lost-response" }],
    ["reading the change for the verifiers fails with a 500", { method: "GET", route: "/repos/{owner}/{repo}/compare/{basehead}", respond: "server-error", times: 2 }],
  ];
  it.each(cases)("finishes the gate's set-up on the retry when %s", async (what, fault) => {
    const issueNumber = await startWith(`Gate: ${what}`, fault);
    expect(tunnel.github.requests.filter((request) => request.status >= 500 || request.lost === true).length).toBeGreaterThan(0);
    await expectFirstPassAtGate(issueNumber);
    const [pull] = pullsFor(issueNumber);
    const runs = [...tunnel.github.state.checkRuns.values()].filter((run) => run.headSha === pull?.headSha);
    const names = runs.map((run) => run.name).sort();
    // Every check run once (the deterministic verifiers and the gate), each with its own identity.
    expect(names).toContain("pitwall/gate");
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(runs.map((run) => run.externalId)).size).toBe(runs.length);
    const [job] = await tunnel.pitwall.sql.query<{ status: string }>("select status from jobs where kind = 'run_pass' and (payload->>'workItemId')::int = (select id from work_items where issue_number = $1)", [issueNumber]);
    expect(job).toEqual({ status: "done" });
  });
});

describe("a pass's write that GitHub applied but whose answer was lost", () => {
  const cases: [string, Fault][] = [
    ["the pass branch", { method: "POST", route: "/repos/{owner}/{repo}/git/refs", respond: "lost-response" }],
    ["the pass commit", { method: "POST", route: "/repos/{owner}/{repo}/git/commits", respond: "lost-response" }],
    ["the pull request", { method: "POST", route: "/repos/{owner}/{repo}/pulls", respond: "lost-response" }],
    ["the cost comment on the pull request", { method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", respond: "lost-response", times: 2 }],
  ];
  it.each(cases)("is found, not repeated, when it was %s", async (what, fault) => {
    const issueNumber = await startWith(`Lost: ${what}`, fault);
    expect(tunnel.github.requests.filter((request) => request.lost === true).length).toBeGreaterThan(0);
    await expectFirstPassAtGate(issueNumber);
    const [pull] = pullsFor(issueNumber);
    const repoState = tunnel.github.state.repos.get(repo)!;
    const branchHead = repoState.refs.get(`refs/heads/pitwall/${issueNumber}/spec`)!;
    // One commit on top of main, and it is the PR's head.
    expect(tunnel.github.state.commits.get(branchHead)?.parents).toEqual([repoState.refs.get("refs/heads/main")]);
    expect(pull?.headSha).toBe(branchHead);
    expect(commentsOn(tunnel.github, repo, pull!.number).filter((comment) => comment.body.startsWith("<!-- pitwall:cost:spec:1 -->"))).toHaveLength(1);
  });
});
