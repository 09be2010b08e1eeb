// Check runs: GitHub's request limits (50 annotations and 3 actions per request) enforced from
// the OpenAPI description, annotations appended across updates, and check_run events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, field, startHarness, statusOf, untyped, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };
const annotations = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ path: "src/index.ts", start_line: i + 1 + from, end_line: i + 1 + from, annotation_level: "warning" as const, message: `finding ${i + from}` }));

describe("check runs", () => {
  let h: Harness;
  let sha: string;

  beforeAll(async () => {
    h = await startHarness();
    sha = h.gh.state.refs.get("acme/widgets")?.get("refs/heads/main") ?? "";
  });
  afterAll(async () => {
    await h.gh.close();
  });

  it("answers 422 and records a violation for a body GitHub would reject (no head_sha)", async () => {
    const failed = await statusOf(untyped(h.octokit, "POST /repos/{owner}/{repo}/check-runs", { ...repo, name: "pitwall/gate" }));
    expect(failed).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\n"head_sha" wasn\'t supplied.', status: "422" } });
    expect(h.gh.violations).toMatchObject([{ kind: "invalid-request", method: "POST", operationId: "checks/create" }]);
    expect(h.gh.state.checkRuns.size).toBe(0);
    h.gh.violations.length = 0;
  });

  it("refuses more than 50 annotations or 3 actions in one request", async () => {
    const tooMany = await statusOf(h.octokit.rest.checks.create({ ...repo, name: "lint", head_sha: sha, output: { title: "t", summary: "s", annotations: annotations(51) } }));
    expect(tooMany.status).toBe(422);
    const actions = Array.from({ length: 4 }, (_, i) => ({ label: `a${i}`, description: "d", identifier: `a${i}` }));
    expect((await statusOf(h.octokit.rest.checks.create({ ...repo, name: "lint", head_sha: sha, actions }))).status).toBe(422);
    expect(h.gh.violations.map((v) => v.kind)).toEqual(["invalid-request", "invalid-request"]);
    expect(h.gh.state.checkRuns.size).toBe(0);
    h.gh.violations.length = 0;
  });

  it("refuses an unknown commit and a completed run without a conclusion", async () => {
    const unknown = await statusOf(h.octokit.rest.checks.create({ ...repo, name: "lint", head_sha: "a".repeat(40) }));
    expect(unknown).toMatchObject({ status: 422, data: { message: `No commit found for SHA: ${"a".repeat(40)}` } });
    expect((await statusOf(h.octokit.rest.checks.create({ ...repo, name: "lint", head_sha: sha, status: "completed" }))).status).toBe(422);
  });

  it("appends annotations across updates and raises created/completed with the app", async () => {
    const run = await h.octokit.rest.checks.create({
      ...repo,
      name: "pitwall/verify",
      head_sha: sha,
      external_id: "wi-1/verify/1",
      status: "in_progress",
      output: { title: "Verifying", summary: "first batch", annotations: annotations(50) },
    });
    expect(run.data).toMatchObject({ status: "in_progress", conclusion: null, external_id: "wi-1/verify/1", app: { id: APP_ID } });
    const updated = await h.octokit.rest.checks.update({
      ...repo,
      check_run_id: run.data.id,
      conclusion: "failure",
      output: { title: "Verified", summary: "second batch", annotations: annotations(20, 50) },
    });
    expect(updated.data).toMatchObject({ status: "completed", conclusion: "failure", output: { annotations_count: 70, summary: "second batch" } });
    const all = await h.octokit.paginate(h.octokit.rest.checks.listAnnotations, { ...repo, check_run_id: run.data.id, per_page: 100 });
    expect(all).toHaveLength(70);
    expect(all[69]).toMatchObject({ message: "finding 69", annotation_level: "warning", start_line: 70 });

    const created = h.gh.state.events.find((e) => e.event === "check_run" && e.action === "created");
    const completed = h.gh.state.events.find((e) => e.event === "check_run" && e.action === "completed");
    expect(field(created?.payload, "check_run", "app", "id")).toBe(APP_ID);
    expect(field(completed?.payload, "check_run", "conclusion")).toBe("failure");
    expect(field(completed?.payload, "sender", "login")).toBe("pitwall[bot]");
  });

  it("lists the latest run per name for a ref unless filter=all", async () => {
    await h.octokit.rest.checks.create({ ...repo, name: "pitwall/verify", head_sha: sha, conclusion: "success" });
    const latest = await h.octokit.rest.checks.listForRef({ ...repo, ref: "main", check_name: "pitwall/verify" });
    expect(latest.data.total_count).toBe(1);
    expect(latest.data.check_runs[0]?.conclusion).toBe("success");
    const all = await h.octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: "pitwall/verify", filter: "all" });
    expect(all.data.total_count).toBe(2);
  });
});
