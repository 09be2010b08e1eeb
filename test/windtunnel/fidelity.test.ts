// Every response the fake gives and every webhook it raises in a broad scenario must match
// the schemas in GitHub's own OpenAPI description: the shapes Octokit users read are real.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./fake-github-harness.ts";
import { schemaChecker, type SchemaChecker } from "./spec-schemas.ts";

interface Seen {
  method: string;
  url: string;
  status: number;
  data: unknown;
}

describe("fidelity to GitHub's published schemas", () => {
  let h: Harness;
  let checker: SchemaChecker;
  const seen: Seen[] = [];

  beforeAll(async () => {
    h = await startHarness();
    checker = await schemaChecker();
    for (const client of [h.octokit, h.appOctokit]) {
      client.hook.after("request", (response, options) => {
        seen.push({ method: options.method, url: options.url, status: response.status, data: response.data });
      });
    }
    const o = h.octokit.rest;
    const repo = { owner: "acme", repo: "widgets" };
    h.gh.setPermission("acme/widgets", "alice", "maintain");

    await h.appOctokit.rest.apps.getAuthenticated();
    await h.appOctokit.rest.apps.getRepoInstallation(repo);
    await h.appOctokit.rest.apps.getInstallation({ installation_id: 777 });
    await o.apps.listReposAccessibleToInstallation();
    await o.repos.get(repo);
    await o.repos.getContent({ ...repo, path: "README.md" });
    await o.repos.getContent({ ...repo, path: "src" });
    await o.repos.getBranch({ ...repo, branch: "main" });
    await o.repos.listBranches(repo);
    await o.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" });
    await o.repos.updateBranchProtection({
      ...repo,
      branch: "main",
      required_status_checks: { strict: false, contexts: ["pitwall/gate"] },
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    await o.repos.getBranchProtection({ ...repo, branch: "main" });

    const main = await o.git.getRef({ ...repo, ref: "heads/main" });
    const blob = await o.git.createBlob({ ...repo, content: "hello\n", encoding: "utf-8" });
    await o.git.getBlob({ ...repo, file_sha: blob.data.sha });
    const base = await o.git.getCommit({ ...repo, commit_sha: main.data.object.sha });
    const tree = await o.git.createTree({
      ...repo,
      base_tree: base.data.tree.sha,
      tree: [
        { path: "docs/hello.txt", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "src/index.ts", mode: "100644", type: "blob", content: "export const x = 2;\n" },
      ],
    });
    await o.git.getTree({ ...repo, tree_sha: tree.data.sha, recursive: "1" });
    const commit = await o.git.createCommit({ ...repo, message: "Add docs", tree: tree.data.sha, parents: [main.data.object.sha] });
    await o.git.createRef({ ...repo, ref: "refs/heads/feature", sha: commit.data.sha });
    await o.git.listMatchingRefs({ ...repo, ref: "heads/" });
    await o.repos.getCommit({ ...repo, ref: commit.data.sha });
    await o.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...feature" });
    await o.repos.createOrUpdateFileContents({ ...repo, path: "notes.md", message: "notes", content: Buffer.from("n\n").toString("base64"), branch: "feature" });
    const head = await o.git.getRef({ ...repo, ref: "heads/feature" });
    await o.git.updateRef({ ...repo, ref: "heads/feature", sha: head.data.object.sha });

    const issue = await o.issues.create({ ...repo, title: "Widgets should sparkle", body: "please", labels: ["bug"] });
    await o.issues.get({ ...repo, issue_number: issue.data.number });
    await o.issues.update({ ...repo, issue_number: issue.data.number, title: "Widgets must sparkle" });
    await o.issues.listForRepo(repo);
    const comment = await o.issues.createComment({ ...repo, issue_number: issue.data.number, body: "on it" });
    await o.issues.getComment({ ...repo, comment_id: comment.data.id });
    await o.issues.updateComment({ ...repo, comment_id: comment.data.id, body: "on it!" });
    await o.issues.listComments({ ...repo, issue_number: issue.data.number });
    await o.reactions.createForIssueComment({ ...repo, comment_id: comment.data.id, content: "rocket" });
    await o.issues.createLabel({ ...repo, name: "pitwall:feature", color: "0e8a16" });
    await o.issues.getLabel({ ...repo, name: "pitwall:feature" });
    await o.issues.addLabels({ ...repo, issue_number: issue.data.number, labels: ["pitwall:feature"] });
    await o.issues.listLabelsOnIssue({ ...repo, issue_number: issue.data.number });
    await o.issues.removeLabel({ ...repo, issue_number: issue.data.number, name: "bug" });
    h.gh.comment("acme/widgets", issue.data.number, "/approve", { by: "alice" });

    const pr = await o.pulls.create({ ...repo, title: "Sparkle", head: "feature", base: "main", body: "Closes #1" });
    await o.pulls.get({ ...repo, pull_number: pr.data.number });
    await o.pulls.list({ ...repo, head: "acme:feature" });
    await o.pulls.update({ ...repo, pull_number: pr.data.number, body: "Closes #1 (edited)" });
    await o.pulls.listFiles({ ...repo, pull_number: pr.data.number });
    await o.pulls.listCommits({ ...repo, pull_number: pr.data.number });
    await o.issues.addLabels({ ...repo, issue_number: pr.data.number, labels: ["pitwall:feature"] });
    h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "docs/more.md": "more\n" }, by: "alice" });
    const headSha = (await o.pulls.get({ ...repo, pull_number: pr.data.number })).data.head.sha;
    const run = await o.checks.create({
      ...repo,
      name: "pitwall/gate",
      head_sha: headSha,
      status: "in_progress",
      external_id: "gate-1",
      output: { title: "Gate", summary: "waiting", annotations: [{ path: "src/index.ts", start_line: 1, end_line: 1, annotation_level: "warning", message: "hm" }] },
    });
    await o.checks.update({ ...repo, check_run_id: run.data.id, conclusion: "success", output: { title: "Gate", summary: "met" } });
    await o.checks.get({ ...repo, check_run_id: run.data.id });
    await o.checks.listAnnotations({ ...repo, check_run_id: run.data.id });
    await o.checks.listForRef({ ...repo, ref: headSha });
    await o.repos.createCommitStatus({ ...repo, sha: headSha, state: "success", context: "ci/legacy", target_url: "https://ci.example/1" });
    await o.repos.getCombinedStatusForRef({ ...repo, ref: headSha });
    await o.repos.listCommitStatusesForRef({ ...repo, ref: headSha });
    // the repo's CI, another GitHub App, reports on the PR's head
    const ci = h.gh.reportCheckRun("acme/widgets", headSha, { name: "ci/test", status: "in_progress" });
    h.gh.reportCheckRun("acme/widgets", headSha, {
      name: "ci/test",
      conclusion: "success",
      output: { title: "Tests", summary: "green", annotations: [{ path: "src/index.ts", start_line: 1, end_line: 1, annotation_level: "notice", message: "ok", title: "note" }] },
    });
    await o.checks.get({ ...repo, check_run_id: ci.id });
    await o.checks.listAnnotations({ ...repo, check_run_id: ci.id });
    await o.checks.listForRef({ ...repo, ref: headSha, app_id: 15368 });
    h.gh.review("acme/widgets", pr.data.number, { by: "alice", event: "APPROVE" });
    await o.pulls.createReview({ ...repo, pull_number: pr.data.number, event: "COMMENT", body: "LGTM from the bot" });
    await o.pulls.listReviews({ ...repo, pull_number: pr.data.number });
    await o.pulls.merge({ ...repo, pull_number: pr.data.number, sha: headSha });
    await o.pulls.get({ ...repo, pull_number: pr.data.number });
    const deployment = await o.repos.createDeployment({ ...repo, ref: "main", environment: "staging", payload: { pr: pr.data.number }, description: "Deploy #1", required_contexts: [] });
    if (!("id" in deployment.data)) throw new Error("expected a deployment");
    const deployment_id = deployment.data.id;
    await o.repos.listDeployments({ ...repo, environment: "staging" });
    await o.repos.getDeployment({ ...repo, deployment_id });
    const deployStatus = await o.repos.createDeploymentStatus({ ...repo, deployment_id, state: "in_progress", log_url: "https://deploy.example/1" });
    h.gh.setDeploymentStatus("acme/widgets", deployment_id, { state: "success", by: "alice", environmentUrl: "https://staging.example" });
    await o.repos.listDeploymentStatuses({ ...repo, deployment_id });
    await o.repos.getDeploymentStatus({ ...repo, deployment_id, status_id: deployStatus.data.id });
    // feature is now behind main: auto_merge answers 202 and merges main into it
    await o.repos.createDeployment({ ...repo, ref: "feature", required_contexts: [] });
    await o.issues.update({ ...repo, issue_number: issue.data.number, state: "closed" });
    await o.issues.deleteComment({ ...repo, comment_id: comment.data.id });
  });

  afterAll(async () => {
    await h.gh.close();
  });

  it("would notice a wrong shape (the checks are not vacuous)", () => {
    const issue = seen.find((s) => s.url === "/repos/{owner}/{repo}/issues/{issue_number}" && s.method === "GET");
    expect(issue).toBeDefined();
    const withoutNumber = Object.fromEntries(Object.entries(issue?.data ?? {}).filter(([key]) => key !== "number"));
    expect(checker.response("GET", "/repos/{owner}/{repo}/issues/{issue_number}", 200, withoutNumber)).not.toEqual([]);
  });

  it("saw every call succeed without violations", () => {
    expect(h.gh.violations).toEqual([]);
    expect(seen.length).toBeGreaterThan(50);
  });

  it("covered deployments and another app's check runs", () => {
    const routes = new Set(seen.map((s) => `${s.method} ${s.url} ${s.status}`));
    for (const route of ["POST /repos/{owner}/{repo}/deployments 201", "POST /repos/{owner}/{repo}/deployments 202", "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses 201"]) {
      expect(routes).toContain(route);
    }
    const apps = h.gh.state.events.filter((e) => e.event === "check_run").map((e) => JSON.stringify(e.payload).includes('"slug":"github-actions"'));
    expect(apps).toContain(true);
  });

  it("answers with response bodies that match GitHub's response schemas", () => {
    const problems = seen.flatMap((s) => checker.response(s.method, s.url, s.status, s.data));
    expect(problems).toEqual([]);
  });

  it("raises webhooks whose payloads match GitHub's webhook schemas", () => {
    const kinds = new Set(h.gh.state.events.map((e) => `${e.event}.${e.action ?? ""}`));
    for (const kind of ["issues.opened", "issues.labeled", "issues.edited", "issue_comment.created", "pull_request.opened", "pull_request.closed", "check_run.completed", "push.", "pull_request.synchronize", "pull_request_review.submitted", "issue_comment.deleted", "status.", "check_run.created", "deployment.created", "deployment_status.created"]) {
      expect(kinds).toContain(kind);
    }
    const problems = h.gh.state.events.flatMap((e) => checker.webhook(e.event, e.payload));
    expect(problems).toEqual([]);
  });
});
