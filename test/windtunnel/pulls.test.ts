// Pull requests: GitHub's 422s on create, branch protection that really blocks a merge until
// a success check run and an approval, merge commits with the merged tree, and 405/409 refusals.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { field, startHarness, statusOf, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };

describe("pull requests", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ files: { "README.md": "# widgets\n", "src/a.ts": "a\n", "src/b.ts": "b\n" } });
    h.gh.setPermission("acme/widgets", "alice", "write");
  });
  afterEach(async () => {
    await h.gh.close();
  });

  /** Commits files on a new branch through the Git Data API, as Pitwall does. */
  async function branchWith(branch: string, files: Record<string, string | null>, from = "main"): Promise<string> {
    const o = h.octokit.rest;
    const base = await o.git.getRef({ ...repo, ref: `heads/${from}` });
    const parent = await o.git.getCommit({ ...repo, commit_sha: base.data.object.sha });
    const tree = await o.git.createTree({
      ...repo,
      base_tree: parent.data.tree.sha,
      tree: Object.entries(files).map(([path, content]) =>
        content === null ? { path, mode: "100644" as const, type: "blob" as const, sha: null } : { path, mode: "100644" as const, type: "blob" as const, content },
      ),
    });
    const commit = await o.git.createCommit({ ...repo, message: `Change ${branch}`, tree: tree.data.sha, parents: [base.data.object.sha] });
    await o.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.data.sha });
    return commit.data.sha;
  }

  it("opens a PR, raises pull_request.opened and refuses a duplicate with GitHub's 422", async () => {
    await branchWith("pitwall/1/spec", { "docs/spec.md": "# Spec\n" });
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Spec", head: "pitwall/1/spec", base: "main" });
    expect(pr.status).toBe(201);
    expect(pr.data).toMatchObject({ number: 1, state: "open", merged: false, head: { ref: "pitwall/1/spec" }, base: { ref: "main" }, user: { login: "pitwall[bot]" } });
    expect(h.gh.state.events.some((e) => e.event === "pull_request" && e.action === "opened" && field(e.payload, "number") === 1)).toBe(true);

    const dup = await statusOf(h.octokit.rest.pulls.create({ ...repo, title: "Again", head: "pitwall/1/spec", base: "main" }));
    expect(dup.status).toBe(422);
    expect(dup.data).toEqual({
      message: "Validation Failed",
      errors: [{ resource: "PullRequest", code: "custom", message: "A pull request already exists for acme:pitwall/1/spec." }],
      documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
      status: "422",
    });
    const missing = await statusOf(h.octokit.rest.pulls.create({ ...repo, title: "Ghost", head: "no-such-branch", base: "main" }));
    expect(missing).toMatchObject({ status: 422, data: { errors: [{ resource: "PullRequest", field: "head", code: "invalid" }] } });

    const listed = await h.octokit.rest.pulls.list({ ...repo, head: "acme:pitwall/1/spec", state: "open" });
    expect(listed.data.map((p) => p.number)).toEqual([1]);
    const files = await h.octokit.rest.pulls.listFiles({ ...repo, pull_number: 1 });
    expect(files.data).toMatchObject([{ filename: "docs/spec.md", status: "added", additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+# Spec" }]);
  });

  it("blocks the merge with 405 until the required check succeeds and a human approves", async () => {
    h.gh.protectBranch("acme/widgets", "main", { requiredStatusChecks: ["pitwall/gate"], requiredApprovingReviews: 1 });
    const head = await branchWith("pitwall/1/impl", { "src/a.ts": "a2\n", "src/c.ts": "c\n", "src/b.ts": null });
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Impl", head: "pitwall/1/impl", base: "main" });
    const merge = () => h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number, sha: head });

    const noReview = await statusOf(merge());
    expect(noReview).toMatchObject({ status: 405, data: { message: "At least 1 approving review is required by reviewers with write access." } });
    // the app's own approval does not count
    const botReview = await statusOf(h.octokit.rest.pulls.createReview({ ...repo, pull_number: pr.data.number, event: "APPROVE" }));
    expect(botReview).toMatchObject({ status: 422, data: { errors: ["Can not approve your own pull request"] } });
    h.gh.review("acme/widgets", pr.data.number, { by: "alice", event: "APPROVE" });

    expect(await statusOf(merge())).toMatchObject({ status: 405, data: { message: 'Required status check "pitwall/gate" is expected.' } });
    const run = await h.octokit.rest.checks.create({ ...repo, name: "pitwall/gate", head_sha: head, status: "in_progress" });
    expect(await statusOf(merge())).toMatchObject({ status: 405, data: { message: 'Required status check "pitwall/gate" is in progress.' } });
    expect((await h.octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number })).data.mergeable_state).toBe("blocked");
    await h.octokit.rest.checks.update({ ...repo, check_run_id: run.data.id, conclusion: "failure" });
    expect(await statusOf(merge())).toMatchObject({ status: 405, data: { message: 'Required status check "pitwall/gate" is failing.' } });
    // the latest run of that name decides
    await h.octokit.rest.checks.create({ ...repo, name: "pitwall/gate", head_sha: head, conclusion: "success" });
    expect((await h.octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number })).data.mergeable_state).toBe("clean");

    const before = h.gh.state.refs.get("acme/widgets")?.get("refs/heads/main");
    const merged = await merge();
    expect(merged.data).toMatchObject({ merged: true, message: "Pull Request successfully merged" });
    const commit = await h.octokit.rest.git.getCommit({ ...repo, commit_sha: merged.data.sha });
    expect(commit.data.parents.map((p) => p.sha)).toEqual([before, head]);
    expect(h.gh.state.refs.get("acme/widgets")?.get("refs/heads/main")).toBe(merged.data.sha);
    expect(h.gh.readFile("acme/widgets", "main", "src/a.ts")).toBe("a2\n");
    expect(h.gh.readFile("acme/widgets", "main", "src/c.ts")).toBe("c\n");
    expect(h.gh.readFile("acme/widgets", "main", "src/b.ts")).toBeUndefined();

    const after = await h.octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number });
    expect(after.data).toMatchObject({ state: "closed", merged: true, merge_commit_sha: merged.data.sha, merged_by: { login: "pitwall[bot]" } });
    const closed = h.gh.state.events.find((e) => e.event === "pull_request" && e.action === "closed");
    expect(field(closed?.payload, "pull_request", "merged")).toBe(true);
    expect(await statusOf(merge())).toMatchObject({ status: 405, data: { message: "Pull Request is not mergeable" } });
  });

  it("merges by path: both sides' changes land in the merge commit's tree", async () => {
    const head = await branchWith("feature", { "src/a.ts": "a-feature\n" });
    h.gh.pushFiles("acme/widgets", { branch: "main", files: { "src/b.ts": "b-main\n" }, by: "alice" });
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Feature", head: "feature", base: "main" });
    const merged = await h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number, sha: head });
    expect(h.gh.readFile("acme/widgets", merged.data.sha, "src/a.ts")).toBe("a-feature\n");
    expect(h.gh.readFile("acme/widgets", merged.data.sha, "src/b.ts")).toBe("b-main\n");
    expect(h.gh.readFile("acme/widgets", merged.data.sha, "README.md")).toBe("# widgets\n");
  });

  it("answers 409 when the head moved and 405 on a conflict", async () => {
    const head = await branchWith("feature", { "src/a.ts": "a-feature\n" });
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Feature", head: "feature", base: "main" });
    h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "src/c.ts": "c\n" }, by: "alice" });
    expect(h.gh.state.events.some((e) => e.event === "pull_request" && e.action === "synchronize")).toBe(true);
    const moved = await statusOf(h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number, sha: head }));
    expect(moved).toMatchObject({ status: 409, data: { message: "Head branch was modified. Review and try the merge again." } });

    h.gh.pushFiles("acme/widgets", { branch: "main", files: { "src/a.ts": "a-main\n" }, by: "alice" });
    expect((await h.octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number })).data).toMatchObject({ mergeable: false, mergeable_state: "dirty" });
    const conflict = await statusOf(h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number }));
    expect(conflict).toMatchObject({ status: 405, data: { message: "Merge conflict" } });
    expect(h.gh.readFile("acme/widgets", "main", "src/a.ts")).toBe("a-main\n");
  });

  it("accepts a commit status with the required context", async () => {
    h.gh.protectBranch("acme/widgets", "main", { requiredStatusChecks: ["ci/legacy"] });
    const head = await branchWith("feature", { "src/a.ts": "a2\n" });
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Feature", head: "feature", base: "main" });
    await h.octokit.rest.repos.createCommitStatus({ ...repo, sha: head, state: "pending", context: "ci/legacy" });
    expect(await statusOf(h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number }))).toMatchObject({ status: 405 });
    await h.octokit.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/legacy" });
    const combined = await h.octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: "feature" });
    expect(combined.data).toMatchObject({ state: "success", total_count: 1 });
    expect((await h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number })).data.merged).toBe(true);
  });

  it("refuses a direct update of a protected branch", async () => {
    h.gh.protectBranch("acme/widgets", "main", { requiredStatusChecks: ["pitwall/gate"] });
    const side = await branchWith("side", { "x.txt": "x\n" });
    const refused = await statusOf(h.octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: side }));
    expect(refused.status).toBe(422);
    expect(h.gh.readFile("acme/widgets", "main", "x.txt")).toBeUndefined();
  });

  it("squash-merges onto the base with a single parent", async () => {
    const head = await branchWith("feature", { "src/a.ts": "squashed\n" });
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Squash me", head: "feature", base: "main" });
    const before = h.gh.state.refs.get("acme/widgets")?.get("refs/heads/main");
    const merged = await h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number, sha: head, merge_method: "squash" });
    const commit = await h.octokit.rest.git.getCommit({ ...repo, commit_sha: merged.data.sha });
    expect(commit.data.parents.map((p) => p.sha)).toEqual([before]);
    expect(commit.data.message).toMatch(/^Squash me \(#1\)/);
  });
});
