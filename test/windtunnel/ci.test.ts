// The repo's own CI: check runs owned by another GitHub App (GitHub Actions by default), how
// they reach the app under test, how branch protection counts them, the fake CI that reports
// them on pushes, and the pull-request events and compare files a CI-driven flow relies on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP_ID, field, startHarness, startReceiver, statusOf, type Harness, type Receiver } from "./fake-github-harness.ts";
import { startFakeCi, type FakeCiInput } from "../../windtunnel/github/index.ts";

const repo = { owner: "acme", repo: "widgets" };
const ACTIONS_ID = 15368;

describe("check runs from another app", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    const violations = [...h.gh.violations];
    await h.gh.close();
    expect(violations).toEqual([]);
  });

  it("belong to that app in REST and webhooks, and list the open PRs on their commit", async () => {
    const head = h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "src/index.ts": "export const x = 2;\n" }, by: "alice" });
    const pr = h.gh.openPullRequest("acme/widgets", { head: "feature", title: "Feature", by: "alice" });
    const run = h.gh.reportCheckRun("acme/widgets", head, {
      name: "test",
      status: "in_progress",
      output: { title: "Running", summary: "1 of 2", annotations: [{ path: "src/index.ts", start_line: 1, end_line: 1, annotation_level: "warning", message: "slow test" }] },
    });
    expect(run).toMatchObject({ appId: ACTIONS_ID, status: "in_progress", conclusion: null, headSha: head });

    const got = await h.octokit.rest.checks.get({ ...repo, check_run_id: run.id });
    expect(got.data).toMatchObject({
      name: "test",
      status: "in_progress",
      app: { id: ACTIONS_ID, slug: "github-actions", name: "GitHub Actions", owner: { login: "github" } },
      pull_requests: [{ number: pr.number, head: { ref: "feature", sha: head }, base: { ref: "main" } }],
      output: { title: "Running", annotations_count: 1 },
    });
    // the app under test may read it but not change it
    const patched = await statusOf(h.octokit.rest.checks.update({ ...repo, check_run_id: run.id, conclusion: "success" }));
    expect(patched.status).toBe(404);

    // reporting again under the same name updates the run; annotations append
    const done = h.gh.reportCheckRun("acme/widgets", head, {
      name: "test",
      conclusion: "failure",
      output: { title: "1 failure", summary: "2 of 2", annotations: [{ path: "src/index.ts", start_line: 1, end_line: 1, annotation_level: "failure", message: "x should be 1", title: "assertion" }] },
    });
    expect(done.id).toBe(run.id);
    const annotations = await h.octokit.rest.checks.listAnnotations({ ...repo, check_run_id: run.id });
    expect(annotations.data.map((a) => [a.annotation_level, a.message])).toEqual([
      ["warning", "slow test"],
      ["failure", "x should be 1"],
    ]);

    const events = h.gh.state.events.filter((e) => e.event === "check_run");
    expect(events.map((e) => e.action)).toEqual(["created", "completed"]);
    for (const e of events) {
      expect(field(e.payload, "check_run", "app", "slug")).toBe("github-actions");
      expect(field(e.payload, "check_run", "check_suite", "app", "id")).toBe(ACTIONS_ID);
      expect(field(e.payload, "sender", "login")).toBe("github-actions[bot]");
      expect(field(e.payload, "check_run", "pull_requests", "0", "number")).toBe(pr.number);
    }
    expect(field(events[1]?.payload, "check_run", "conclusion")).toBe("failure");
  });

  it("are listed for a ref with the app_id and check_name filters", async () => {
    const main = h.gh.state.refs.get("acme/widgets")?.get("refs/heads/main") ?? "";
    h.gh.reportCheckRun("acme/widgets", "main", { name: "test", conclusion: "success" });
    h.gh.reportCheckRun("acme/widgets", main, { name: "lint", conclusion: "success" });
    h.gh.reportCheckRun("acme/widgets", main, { name: "test", app: "circleci", conclusion: "failure" });
    await h.octokit.rest.checks.create({ ...repo, name: "test", head_sha: main, conclusion: "neutral" });

    const all = await h.octokit.rest.checks.listForRef({ ...repo, ref: "main" });
    expect(all.data.total_count).toBe(4);
    const byActions = await h.octokit.rest.checks.listForRef({ ...repo, ref: "main", app_id: ACTIONS_ID });
    expect(byActions.data.check_runs.map((r) => r.name).sort()).toEqual(["lint", "test"]);
    const named = await h.octokit.rest.checks.listForRef({ ...repo, ref: main, check_name: "test" });
    expect(named.data.check_runs.map((r) => [r.app?.slug, r.conclusion])).toEqual([
      ["pitwall", "neutral"],
      ["circleci", "failure"],
      ["github-actions", "success"],
    ]);
    const pitwallOnly = await h.octokit.rest.checks.listForRef({ ...repo, ref: main, app_id: APP_ID });
    expect(pitwallOnly.data.check_runs.map((r) => r.app?.slug)).toEqual(["pitwall"]);
  });
});

describe("check_run deliveries", () => {
  let receiver: Receiver;

  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it("deliver created and completed of any app's run, rerequested only of the app's own", async () => {
    const h = await startHarness({ webhookUrl: receiver.url });
    try {
      const main = h.gh.state.refs.get("acme/widgets")?.get("refs/heads/main") ?? "";
      await h.gh.idle();
      receiver.received.length = 0;
      const theirs = h.gh.reportCheckRun("acme/widgets", main, { name: "test", status: "in_progress" });
      h.gh.reportCheckRun("acme/widgets", main, { name: "test", conclusion: "success" });
      h.gh.rerequestCheckRun("acme/widgets", theirs.id, { by: "alice" });
      const ours = await h.octokit.rest.checks.create({ ...repo, name: "pitwall/gate", head_sha: main, conclusion: "success" });
      h.gh.rerequestCheckRun("acme/widgets", ours.data.id, { by: "alice" });
      await h.gh.idle();
      expect(h.gh.state.events.filter((e) => e.event === "check_run").map((e) => e.action)).toEqual(["created", "completed", "rerequested", "created", "completed", "rerequested"]);
      expect(receiver.received).toEqual(["check_run.created", "check_run.completed", "check_run.created", "check_run.completed", "check_run.rerequested"]);
      expect(field(h.gh.state.deliveries.at(-1)?.payload, "check_run", "id")).toBe(ours.data.id);
    } finally {
      await h.gh.close();
    }
  });

  it("are not delivered to an installation without the checks permission", async () => {
    const h = await startHarness({ webhookUrl: receiver.url, installationPermissions: { contents: "write", metadata: "read", issues: "write" } });
    try {
      await h.gh.idle();
      receiver.received.length = 0;
      h.gh.reportCheckRun("acme/widgets", "main", { name: "test", conclusion: "success" });
      h.gh.createIssue("acme/widgets", { title: "Still delivered", author: "alice" });
      await h.gh.idle();
      expect(h.gh.state.events.map((e) => `${e.event}.${e.action ?? ""}`)).toContain("check_run.completed");
      expect(receiver.received).toEqual(["issues.opened"]);
    } finally {
      await h.gh.close();
    }
  });
});

describe("the fake CI", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    h.gh.setPermission("acme/widgets", "alice", "write");
  });
  afterEach(async () => {
    const violations = [...h.gh.violations];
    await h.gh.close();
    expect(violations).toEqual([]);
  });

  /** Commits one file on a branch through the Git Data API and moves (or creates) the ref, as Pitwall does. */
  async function commitOnBranch(branch: string, path: string, content: string): Promise<string> {
    const o = h.octokit.rest;
    const existing = h.gh.state.refs.get("acme/widgets")?.get(`refs/heads/${branch}`);
    const parent = existing ?? (await o.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    const base = await o.git.getCommit({ ...repo, commit_sha: parent });
    const tree = await o.git.createTree({ ...repo, base_tree: base.data.tree.sha, tree: [{ path, mode: "100644", type: "blob", content }] });
    const commit = await o.git.createCommit({ ...repo, message: `Change ${path}`, tree: tree.data.sha, parents: [parent] });
    if (existing) await o.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.data.sha });
    else await o.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.data.sha });
    return commit.data.sha;
  }

  it("reports in_progress then completed on pushes to other branches, from people and from the API", async () => {
    const seen: FakeCiInput[] = [];
    const ci = startFakeCi(h.gh, {
      repo: "acme/widgets",
      checkName: "ci/test",
      decide: (input) => {
        seen.push(input);
        const bad = input.files["src/index.ts"]?.includes("bug") ?? false;
        return bad
          ? { conclusion: "failure", summary: "1 test failed", annotations: [{ path: "src/index.ts", start_line: 1, end_line: 1, annotation_level: "failure", message: "found a bug" }] }
          : { conclusion: "success", summary: "all green" };
      },
    });
    const byPerson = h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "src/index.ts": "bug\n" }, by: "alice" });
    await ci.idle();
    expect(ci.runs).toBe(1);
    expect(seen[0]).toMatchObject({ repo: "acme/widgets", sha: byPerson, branch: "feature", files: { "README.md": "# widgets\n", "src/index.ts": "bug\n" } });
    const runs = await h.octokit.rest.checks.listForRef({ ...repo, ref: byPerson, check_name: "ci/test" });
    expect(runs.data.check_runs).toMatchObject([{ status: "completed", conclusion: "failure", app: { slug: "github-actions" }, output: { summary: "1 test failed", annotations_count: 1 } }]);
    const actions = h.gh.state.events.filter((e) => e.event === "check_run").map((e) => `${e.action ?? ""}:${String(field(e.payload, "check_run", "status"))}`);
    expect(actions).toEqual(["created:in_progress", "completed:completed"]);

    const created = await commitOnBranch("pitwall/1/impl", "src/index.ts", "fine\n");
    const moved = await commitOnBranch("pitwall/1/impl", "docs/a.md", "a\n");
    await ci.idle();
    expect(ci.runs).toBe(3);
    expect(seen.slice(1).map((s) => [s.branch, s.sha])).toEqual([
      ["pitwall/1/impl", created],
      ["pitwall/1/impl", moved],
    ]);
    expect((await h.octokit.rest.checks.listForRef({ ...repo, ref: moved })).data.check_runs.map((r) => r.conclusion)).toEqual(["success"]);

    // not the default branch, and nothing once stopped
    h.gh.pushFiles("acme/widgets", { branch: "main", files: { "x.txt": "x\n" }, by: "alice" });
    await ci.idle();
    expect(ci.runs).toBe(3);
    ci.stop();
    h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "y.txt": "y\n" }, by: "alice" });
    await ci.idle();
    expect(ci.runs).toBe(3);
  });

  it("runs on the default branch when told, after the push's own events, with an async decision", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ci = startFakeCi(h.gh, {
      repo: "acme/widgets",
      checkName: "build",
      app: "circleci",
      onDefaultBranch: true,
      decide: async () => {
        await gate;
        return { conclusion: "success", summary: "built" };
      },
    });
    const head = h.gh.pushFiles("acme/widgets", { branch: "main", files: { "x.txt": "x\n" }, by: "alice" });
    await Promise.resolve();
    await Promise.resolve();
    const inProgress = [...h.gh.state.checkRuns.values()];
    expect(inProgress).toMatchObject([{ name: "build", headSha: head, status: "in_progress" }]);
    expect(h.gh.state.events.map((e) => e.event)).toEqual(["installation", "push", "check_run"]);
    release();
    await ci.idle();
    expect(ci.runs).toBe(1);
    expect(inProgress[0]).toMatchObject({ status: "completed", conclusion: "success" });
    const run = await h.octokit.rest.checks.get({ ...repo, check_run_id: inProgress[0]?.id ?? 0 });
    expect(run.data.app?.slug).toBe("circleci");
  });

  it("blocks a merge while the required CI check fails, until a later push succeeds", async () => {
    h.gh.protectBranch("acme/widgets", "main", { requiredStatusChecks: [{ context: "ci/test", appId: ACTIONS_ID }] });
    const ci = startFakeCi(h.gh, {
      repo: "acme/widgets",
      checkName: "ci/test",
      decide: ({ files }) => (files["src/index.ts"]?.includes("bug") ? { conclusion: "failure", summary: "red" } : { conclusion: "success", summary: "green" }),
    });
    const first = await commitOnBranch("pitwall/1/impl", "src/index.ts", "bug\n");
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Impl", head: "pitwall/1/impl", base: "main" });
    await ci.idle();
    const merge = () => h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number });
    expect(await statusOf(merge())).toMatchObject({ status: 405, data: { message: 'Required status check "ci/test" is failing.' } });
    expect((await h.octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number })).data.mergeable_state).toBe("blocked");

    // the app's own run of that name does not count: the requirement is pinned to GitHub Actions
    await h.octokit.rest.checks.create({ ...repo, name: "ci/test", head_sha: first, conclusion: "success" });
    expect((await statusOf(merge())).status).toBe(405);

    const fixed = await commitOnBranch("pitwall/1/impl", "src/index.ts", "fixed\n");
    const sync = h.gh.state.events.filter((e) => e.event === "pull_request" && e.action === "synchronize");
    expect(sync.map((e) => [field(e.payload, "before"), field(e.payload, "after")])).toEqual([[first, fixed]]);
    await ci.idle();
    expect(ci.runs).toBe(2);
    // the CI reported after the PR followed its branch, so the run lists the PR
    const created = h.gh.state.events.filter((e) => e.event === "check_run" && e.action === "created" && field(e.payload, "check_run", "head_sha") === fixed);
    expect(created.map((e) => field(e.payload, "check_run", "pull_requests", "0", "number"))).toEqual([pr.data.number]);
    const merged = await merge();
    expect(merged.data.merged).toBe(true);
    expect(h.gh.readFile("acme/widgets", "main", "src/index.ts")).toBe("fixed\n");
  });
});

describe("what a CI-driven flow relies on", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    h.gh.setPermission("acme/widgets", "alice", "write");
  });
  afterEach(async () => {
    await h.gh.close();
  });

  it("raises pull_request.synchronize for a ref update by the app and for a person's push", async () => {
    const first = h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "a.txt": "a\n" }, by: "alice" });
    const pr = h.gh.openPullRequest("acme/widgets", { head: "feature", title: "Feature", by: "alice" });
    const byPerson = h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "b.txt": "b\n" }, by: "alice" });
    const parent = await h.octokit.rest.git.getCommit({ ...repo, commit_sha: byPerson });
    const commit = await h.octokit.rest.git.createCommit({ ...repo, message: "By the app", tree: parent.data.tree.sha, parents: [byPerson] });
    await h.octokit.rest.git.updateRef({ ...repo, ref: "heads/feature", sha: commit.data.sha });
    const sync = h.gh.state.events.filter((e) => e.event === "pull_request" && e.action === "synchronize");
    expect(sync.map((e) => [field(e.payload, "number"), field(e.payload, "before"), field(e.payload, "after"), field(e.payload, "sender", "login")])).toEqual([
      [pr.number, first, byPerson, "alice"],
      [pr.number, byPerson, commit.data.sha, "pitwall[bot]"],
    ]);
    expect(field(sync[1]?.payload, "pull_request", "head", "sha")).toBe(commit.data.sha);
  });

  it("raises pull_request_review.submitted for a person's review", async () => {
    h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "a.txt": "a\n" }, by: "alice" });
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Feature", head: "feature", base: "main" });
    const review = h.gh.review("acme/widgets", pr.data.number, { by: "alice", event: "REQUEST_CHANGES", body: "Not yet" });
    const events = h.gh.state.events.filter((e) => e.event === "pull_request_review");
    expect(events.map((e) => e.action)).toEqual(["submitted"]);
    expect(field(events[0]?.payload, "review", "id")).toBe(review.id);
    expect(field(events[0]?.payload, "review", "state")).toBe("changes_requested");
    expect(field(events[0]?.payload, "sender", "login")).toBe("alice");
    expect(field(events[0]?.payload, "pull_request", "number")).toBe(pr.data.number);
  });

  it("compares base...head with per-file status, additions and deletions", async () => {
    h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "src/index.ts": "export const x = 2;\nexport const y = 3;\n", "docs/new.md": "new\n", "README.md": null }, by: "alice" });
    const compare = await h.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...feature" });
    expect(compare.data).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, html_url: "https://github.com/acme/widgets/compare/main...feature" });
    expect(compare.data.files?.map((f) => [f.filename, f.status, f.additions, f.deletions])).toEqual([
      ["README.md", "removed", 0, 1],
      ["docs/new.md", "added", 1, 0],
      ["src/index.ts", "modified", 2, 1],
    ]);
  });
});
