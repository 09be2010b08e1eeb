// Issues, comments, labels and reactions, and the events GitHub raises for them, including
// for the app's own actions (sender `pitwall[bot]`, performed_via_github_app).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, field, INSTALLATION_ID, startHarness, statusOf, type Harness } from "./fake-github-harness.ts";
import type { EventRecord } from "../../windtunnel/github/index.ts";

const repo = { owner: "acme", repo: "widgets" };

describe("issues", () => {
  let h: Harness;
  const events = (name: string): EventRecord[] => h.gh.state.events.filter((e) => `${e.event}.${e.action ?? ""}` === name);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.gh.close();
  });

  it("answers 404 for an unknown issue and repository", async () => {
    const missing = await statusOf(h.octokit.rest.issues.get({ ...repo, issue_number: 999 }));
    expect(missing).toMatchObject({
      status: 404,
      data: { message: "Not Found", documentation_url: "https://docs.github.com/rest/issues/issues#get-an-issue", status: "404" },
    });
    expect(await statusOf(h.octokit.rest.issues.get({ owner: "acme", repo: "nope", issue_number: 1 }))).toMatchObject({ status: 404 });
  });

  it("raises issues.opened and issues.labeled for what people do", () => {
    const issue = h.gh.createIssue("acme/widgets", { title: "Widgets should sparkle", body: "please", author: "alice" });
    h.gh.addLabel("acme/widgets", issue.number, "pitwall:feature", { by: "alice" });
    const opened = events("issues.opened").at(-1);
    expect(field(opened?.payload, "issue", "number")).toBe(issue.number);
    expect(field(opened?.payload, "sender", "login")).toBe("alice");
    expect(field(opened?.payload, "installation", "id")).toBe(INSTALLATION_ID);
    expect(field(opened?.payload, "repository", "full_name")).toBe("acme/widgets");
    const labeled = events("issues.labeled").at(-1);
    expect(field(labeled?.payload, "label", "name")).toBe("pitwall:feature");
    expect(field(labeled?.payload, "issue", "labels")).toHaveLength(1);
    // the label did not exist: adding it created it in the repository
    expect([...h.gh.state.labels.values()].some((l) => l.repoKey === "acme/widgets" && l.name === "pitwall:feature")).toBe(true);
  });

  it("raises issue_comment.created for the app's own comment, as from a bot via the app", async () => {
    const { data } = await h.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "Status card" });
    expect(data.user?.login).toBe("pitwall[bot]");
    expect(data.user?.type).toBe("Bot");
    expect(data.performed_via_github_app?.id).toBe(APP_ID);
    const created = events("issue_comment.created").at(-1);
    expect(field(created?.payload, "comment", "id")).toBe(data.id);
    expect(field(created?.payload, "sender", "login")).toBe("pitwall[bot]");
    expect(field(created?.payload, "comment", "performed_via_github_app", "id")).toBe(APP_ID);

    await h.octokit.rest.issues.updateComment({ ...repo, comment_id: data.id, body: "Status card v2" });
    expect(field(events("issue_comment.edited").at(-1)?.payload, "changes", "body", "from")).toBe("Status card");
    expect(h.gh.state.comments.get(data.id)?.body).toBe("Status card v2");
  });

  it("refuses a duplicate label with GitHub's already_exists error", async () => {
    const failed = await statusOf(h.octokit.rest.issues.createLabel({ ...repo, name: "PITWALL:feature" }));
    expect(failed.status).toBe(422);
    expect(failed.data).toEqual({
      message: "Validation Failed",
      errors: [{ resource: "Label", code: "already_exists", field: "name" }],
      documentation_url: "https://docs.github.com/rest/issues/labels#create-a-label",
      status: "422",
    });
  });

  it("refuses a label description over GitHub's 100 characters", async () => {
    const failed = await statusOf(h.octokit.rest.issues.createLabel({ ...repo, name: "long-description", description: "x".repeat(101) }));
    expect(failed.status).toBe(422);
    expect(failed.data).toMatchObject({ errors: [{ resource: "Label", code: "custom", field: "description", message: "description is too long (maximum is 100 characters)" }] });
    expect([...h.gh.state.labels.values()].some((label) => label.name === "long-description")).toBe(false);
  });

  it("adds and removes labels on an issue", async () => {
    const added = await h.octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["pitwall:spec", "bug"] });
    expect(added.data.map((l) => l.name)).toEqual(["pitwall:feature", "pitwall:spec", "bug"]);
    const removed = await h.octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "pitwall:spec" });
    expect(removed.data.map((l) => l.name)).toEqual(["pitwall:feature", "bug"]);
    expect(field(events("issues.unlabeled").at(-1)?.payload, "label", "name")).toBe("pitwall:spec");
    const notThere = await statusOf(h.octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "pitwall:spec" }));
    expect(notThere).toMatchObject({ status: 404, data: { message: "Label does not exist" } });
  });

  it("lists who added and removed each label in the issue's event log", async () => {
    const { data } = await h.octokit.rest.issues.listEvents({ ...repo, issue_number: 1, per_page: 100 });
    const labelEvents = data.map((event) => ({ event: event.event, label: "label" in event ? event.label?.name : undefined, actor: event.actor?.login }));
    expect(labelEvents).toEqual([
      { event: "labeled", label: "pitwall:feature", actor: "alice" },
      { event: "labeled", label: "pitwall:spec", actor: "pitwall[bot]" },
      { event: "labeled", label: "bug", actor: "pitwall[bot]" },
      { event: "unlabeled", label: "pitwall:spec", actor: "pitwall[bot]" },
    ]);
    expect(typeof data[0]?.id).toBe("number");
    expect(data[0]?.commit_id).toBeNull();
    expect(data[0]?.created_at).toMatch(/Z$/);
    expect(await statusOf(h.octokit.rest.issues.listEvents({ ...repo, issue_number: 999 }))).toMatchObject({ status: 404 });
  });

  it("closes an issue and records who closed it", async () => {
    const { data } = await h.octokit.rest.issues.update({ ...repo, issue_number: 1, state: "closed", state_reason: "completed" });
    expect(data).toMatchObject({ state: "closed", state_reason: "completed", closed_by: { login: "pitwall[bot]" } });
    expect(events("issues.closed")).toHaveLength(1);
  });

  it("reacts once per user and content", async () => {
    const comment = h.gh.comment("acme/widgets", 1, "/approve", { by: "alice" });
    const first = await h.octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" });
    const again = await h.octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
    const read = await h.octokit.rest.issues.getComment({ ...repo, comment_id: comment.id });
    expect(read.data.reactions).toMatchObject({ total_count: 1, eyes: 1 });
  });

  it("refuses a comment over 65,536 characters", async () => {
    const failed = await statusOf(h.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "x".repeat(65_537) }));
    expect(failed).toMatchObject({ status: 422, data: { message: "Validation Failed" } });
  });

  it("pages through comments with Link headers", async () => {
    const issue = h.gh.createIssue("acme/widgets", { title: "Chatty", author: "alice" });
    for (let i = 0; i < 5; i++) h.gh.comment("acme/widgets", issue.number, `c${i}`, { by: "alice" });
    const first = await h.octokit.rest.issues.listComments({ ...repo, issue_number: issue.number, per_page: 2 });
    expect(first.headers.link).toContain('rel="next"');
    const all = await h.octokit.paginate(h.octokit.rest.issues.listComments, { ...repo, issue_number: issue.number, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
  });
});
