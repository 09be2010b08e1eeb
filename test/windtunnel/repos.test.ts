// Repository-level reads: collaborator permission as GitHub folds roles, branch protection,
// branches, compare and commits, and file writes through the contents API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, startHarness, statusOf, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };

describe("repositories", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    h.gh.setPermission("acme/widgets", "mona", "maintain");
    h.gh.setPermission("acme/widgets", "tri", "triage");
    h.gh.setPermission("acme/widgets", "ada", "admin");
    h.gh.createUser({ login: "stranger" });
  });
  afterAll(async () => {
    await h.gh.close();
  });

  it("folds roles into the four permission levels, keeping the role name", async () => {
    const level = async (username: string) => {
      const { data } = await h.octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
      return [data.permission, data.role_name];
    };
    expect(await level("mona")).toEqual(["write", "maintain"]);
    expect(await level("tri")).toEqual(["read", "triage"]);
    expect(await level("ada")).toEqual(["admin", "admin"]);
    expect(await level("stranger")).toEqual(["read", "read"]);
    expect(await statusOf(h.octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "ghost-user" }))).toMatchObject({ status: 404 });
  });

  it("reports an unprotected branch with 404 and shows protection once set", async () => {
    const none = await statusOf(h.octokit.rest.repos.getBranchProtection({ ...repo, branch: "main" }));
    expect(none).toMatchObject({ status: 404, data: { message: "Branch not protected" } });
    await h.octokit.rest.repos.updateBranchProtection({
      ...repo,
      branch: "main",
      required_status_checks: { strict: true, contexts: [], checks: [{ context: "pitwall/gate", app_id: 4242 }] },
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 2, dismiss_stale_reviews: true },
      restrictions: null,
    });
    const { data } = await h.octokit.rest.repos.getBranchProtection({ ...repo, branch: "main" });
    expect(data.required_status_checks).toMatchObject({ strict: true, contexts: ["pitwall/gate"], checks: [{ context: "pitwall/gate", app_id: 4242 }] });
    expect(data.required_pull_request_reviews).toMatchObject({ required_approving_review_count: 2, dismiss_stale_reviews: true });
    expect((await h.octokit.rest.repos.getBranch({ ...repo, branch: "main" })).data.protected).toBe(true);
    expect(await statusOf(h.octokit.rest.repos.getBranch({ ...repo, branch: "nope" }))).toMatchObject({ status: 404, data: { message: "Branch not found" } });
  });

  it("compares branches and lists a commit's files", async () => {
    h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "src/index.ts": "export const x = 2;\n", "NEW.md": "new\n" }, by: "alice" });
    const ahead = await h.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...feature" });
    expect(ahead.data).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(ahead.data.files?.map((f) => [f.filename, f.status])).toEqual([["NEW.md", "added"], ["src/index.ts", "modified"]]);
    const behind = await h.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "feature...main" });
    expect(behind.data).toMatchObject({ status: "behind", ahead_by: 0, behind_by: 1 });
    const commit = await h.octokit.rest.repos.getCommit({ ...repo, ref: "feature" });
    expect(commit.data.stats).toEqual({ total: 3, additions: 2, deletions: 1 });
    expect(await statusOf(h.octokit.rest.repos.getCommit({ ...repo, ref: "no-such-ref" }))).toMatchObject({ status: 422, data: { message: "No commit found for SHA: no-such-ref" } });
  });

  it("writes a file through the contents API as one commit and a push event", async () => {
    const created = await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "docs/a.md", message: "Add a", content: Buffer.from("A\n").toString("base64"), branch: "feature" });
    expect(created.status).toBe(201);
    expect(h.gh.readFile("acme/widgets", "feature", "docs/a.md")).toBe("A\n");
    const push = h.gh.state.events.at(-1);
    expect(push?.event).toBe("push");
    expect(field(push?.payload, "ref")).toBe("refs/heads/feature");
    expect(field(push?.payload, "head_commit", "added")).toEqual(["docs/a.md"]);

    const noSha = await statusOf(h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "docs/a.md", message: "again", content: "QQo=", branch: "feature" }));
    expect(noSha.status).toBe(422);
    const staleSha = await statusOf(h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "docs/a.md", message: "again", content: "QQo=", branch: "feature", sha: "0".repeat(40) }));
    expect(staleSha.status).toBe(409);
    expect(await statusOf(h.octokit.rest.repos.getContent({ ...repo, path: "README.md", ref: "no-branch" }))).toMatchObject({ status: 404, data: { message: "No commit found for the ref no-branch" } });
  });
});
