// GitHub's documented field limits, enforced by the fake with the 422 bodies GitHub answers:
// titles 256 characters, issue/PR/comment/review bodies 65,536, check-run summary and text
// 65,535 (characters, and bytes), label names 50. At the limit is accepted, one over is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, statusOf, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };
const tooLong = (resource: string, field: string, max: number) => ({
  status: 422,
  data: { message: "Validation Failed", errors: [{ resource, code: "custom", field, message: `${field} is too long (maximum is ${max} characters)` }], status: "422" },
});

describe("GitHub's field limits in the fake", () => {
  let h: Harness;
  let sha: string;
  let issueNumber: number;
  let pullNumber: number;

  beforeAll(async () => {
    h = await startHarness();
    sha = h.gh.state.refs.get("acme/widgets")?.get("refs/heads/main") ?? "";
    issueNumber = h.gh.createIssue("acme/widgets", { title: "An issue", author: "alice" }).number;
    const { data: ref } = await h.octokit.rest.git.createRef({ ...repo, ref: "refs/heads/topic", sha });
    const { data: commit } = await h.octokit.rest.git.createCommit({ ...repo, message: "topic", tree: h.gh.state.commits.get(sha)?.tree ?? "", parents: [ref.object.sha] });
    await h.octokit.rest.git.updateRef({ ...repo, ref: "heads/topic", sha: commit.sha });
    pullNumber = (await h.octokit.rest.pulls.create({ ...repo, head: "topic", base: "main", title: "A pull" })).data.number;
  });
  afterAll(async () => {
    await h.gh.close();
  });

  it("takes an issue title of 256 characters and refuses 257 on create and edit", async () => {
    const created = await h.octokit.rest.issues.create({ ...repo, title: "t".repeat(256) });
    expect(created.data.title).toHaveLength(256);
    expect(await statusOf(h.octokit.rest.issues.create({ ...repo, title: "t".repeat(257) }))).toMatchObject(tooLong("Issue", "title", 256));
    expect(await statusOf(h.octokit.rest.issues.update({ ...repo, issue_number: issueNumber, title: "t".repeat(257) }))).toMatchObject(tooLong("Issue", "title", 256));
    expect(h.gh.state.issues.get([...h.gh.state.issues.values()].find((i) => i.number === issueNumber)?.id ?? 0)?.title).toBe("An issue");
  });

  it("counts characters, not UTF-16 code units: 256 emoji fit in a title", async () => {
    const created = await h.octokit.rest.issues.create({ ...repo, title: "🚀".repeat(256) });
    expect([...created.data.title]).toHaveLength(256);
  });

  it("takes an issue body of 65,536 characters and refuses 65,537 on create and edit", async () => {
    await h.octokit.rest.issues.create({ ...repo, title: "long", body: "b".repeat(65_536) });
    expect(await statusOf(h.octokit.rest.issues.create({ ...repo, title: "long", body: "b".repeat(65_537) }))).toMatchObject(tooLong("Issue", "body", 65_536));
    expect(await statusOf(h.octokit.rest.issues.update({ ...repo, issue_number: issueNumber, body: "b".repeat(65_537) }))).toMatchObject(tooLong("Issue", "body", 65_536));
  });

  it("holds pull requests to the same title and body limits, as an Issue, on create and edit", async () => {
    expect(await statusOf(h.octokit.rest.pulls.create({ ...repo, head: "topic", base: "main", title: "p".repeat(257) }))).toMatchObject(tooLong("Issue", "title", 256));
    expect(await statusOf(h.octokit.rest.pulls.update({ ...repo, pull_number: pullNumber, title: "p".repeat(257) }))).toMatchObject(tooLong("Issue", "title", 256));
    expect(await statusOf(h.octokit.rest.pulls.update({ ...repo, pull_number: pullNumber, body: "p".repeat(65_537) }))).toMatchObject(tooLong("Issue", "body", 65_536));
    const updated = await h.octokit.rest.pulls.update({ ...repo, pull_number: pullNumber, title: "p".repeat(256), body: "p".repeat(65_536) });
    expect(updated.data.title).toHaveLength(256);
  });

  it("refuses comment and review bodies over 65,536 characters", async () => {
    expect(await statusOf(h.octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: "c".repeat(65_537) }))).toMatchObject(tooLong("IssueComment", "body", 65_536));
    const { data: comment } = await h.octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: "c".repeat(65_536) });
    expect(await statusOf(h.octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: "c".repeat(65_537) }))).toMatchObject(tooLong("IssueComment", "body", 65_536));
    expect(await statusOf(h.octokit.rest.pulls.createReview({ ...repo, pull_number: pullNumber, event: "COMMENT", body: "r".repeat(65_537) }))).toMatchObject(tooLong("PullRequestReview", "body", 65_536));
  });

  it("refuses a check-run summary or text over 65,535 characters with GitHub's wording, on create and update", async () => {
    const over = await statusOf(h.octokit.rest.checks.create({ ...repo, name: "lint", head_sha: sha, output: { title: "t", summary: "s".repeat(65_536) } }));
    expect(over).toMatchObject({ status: 422, data: { message: "Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.", status: "422" } });
    const { data: run } = await h.octokit.rest.checks.create({ ...repo, name: "lint", head_sha: sha, output: { title: "t", summary: "s".repeat(65_535), text: "x".repeat(65_535) } });
    const text = await statusOf(h.octokit.rest.checks.update({ ...repo, check_run_id: run.id, output: { title: "t", summary: "s", text: "x".repeat(70_000) } }));
    expect(text).toMatchObject({ status: 422, data: { message: "Invalid request.\n\nOnly 65535 characters are allowed; 70000 were supplied." } });
    h.gh.violations.length = 0;
  });

  it("refuses a check-run summary of fewer characters but more than 65,535 bytes", async () => {
    const over = await statusOf(h.octokit.rest.checks.create({ ...repo, name: "lint", head_sha: sha, output: { title: "t", summary: "é".repeat(40_000) } }));
    expect(over).toMatchObject({
      status: 422,
      data: { message: "Validation Failed", errors: [{ resource: "CheckRun", code: "custom", field: "summary", message: "summary exceeds a maximum bytesize of 65535" }] },
    });
  });

  it("refuses a label name over 50 characters when creating it or adding it to an issue", async () => {
    expect(await statusOf(h.octokit.rest.issues.createLabel({ ...repo, name: "l".repeat(51) }))).toMatchObject(tooLong("Label", "name", 50));
    const added = await statusOf(h.octokit.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels: ["l".repeat(51)] }));
    expect(added).toMatchObject({ status: 422, data: { message: "Validation Failed", errors: [{ value: "l".repeat(51), resource: "Label", field: "name", code: "invalid" }] } });
    expect(await statusOf(h.octokit.rest.issues.setLabels({ ...repo, issue_number: issueNumber, labels: ["l".repeat(51)] }))).toMatchObject({ status: 422 });
    expect(await statusOf(h.octokit.rest.issues.create({ ...repo, title: "labelled", labels: ["l".repeat(51)] }))).toMatchObject({ status: 422 });
    expect([...h.gh.state.labels.values()].some((label) => label.name.length > 50)).toBe(false);
    await h.octokit.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels: ["l".repeat(50)] });
  });
});
