// Deployments: refs resolved to SHAs, GitHub's defaults, filters, statuses (newest first,
// environment carried over, auto_inactive), the 409s of auto_merge and required_contexts,
// webhooks, 404s, and the `deployments` permission.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP_ID, field, startHarness, statusOf, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };

describe("deployments", () => {
  let h: Harness;
  let main: string;

  beforeEach(async () => {
    h = await startHarness();
    main = h.gh.state.refs.get("acme/widgets")?.get("refs/heads/main") ?? "";
  });
  afterEach(async () => {
    const violations = [...h.gh.violations];
    await h.gh.close();
    // every request was one GitHub's OpenAPI description accepts
    expect(violations).toEqual([]);
  });

  const deploymentEvents = () => h.gh.state.events.filter((e) => e.event === "deployment");
  const statusEvents = () => h.gh.state.events.filter((e) => e.event === "deployment_status");

  it("creates a deployment of a branch with GitHub's defaults and raises deployment.created", async () => {
    const created = await h.octokit.rest.repos.createDeployment({ ...repo, ref: "main" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      sha: main,
      ref: "main",
      task: "deploy",
      environment: "production",
      original_environment: "production",
      production_environment: true,
      transient_environment: false,
      payload: {},
      description: null,
      creator: { login: "pitwall[bot]" },
      performed_via_github_app: { id: APP_ID },
    });
    if (!("id" in created.data)) throw new Error("expected a deployment");
    const id = created.data.id;
    expect(created.data.statuses_url).toBe(`${h.gh.url}/repos/acme/widgets/deployments/${id}/statuses`);
    expect(h.gh.state.deployments.get(id)).toMatchObject({ sha: main, environment: "production", viaApp: true });

    const events = deploymentEvents();
    expect(events.map((e) => e.action)).toEqual(["created"]);
    expect(field(events[0]?.payload, "deployment", "id")).toBe(id);
    expect(field(events[0]?.payload, "sender", "login")).toBe("pitwall[bot]");
    expect(field(events[0]?.payload, "installation", "id")).toBe(777);
  });

  it("resolves a tag and a SHA, keeps the ref as given and stores task, payload and environment", async () => {
    await h.octokit.rest.git.createRef({ ...repo, ref: "refs/tags/v1.0.0", sha: main });
    const tag = await h.octokit.rest.repos.createDeployment({ ...repo, ref: "v1.0.0", environment: "staging", task: "deploy:migrations", payload: { region: "eu" }, description: "first" });
    expect(tag.data).toMatchObject({ sha: main, ref: "v1.0.0", environment: "staging", production_environment: false, task: "deploy:migrations", payload: { region: "eu" }, description: "first" });
    const bySha = await h.octokit.rest.repos.createDeployment({ ...repo, ref: main, environment: "qa", transient_environment: true, production_environment: true });
    expect(bySha.data).toMatchObject({ sha: main, ref: main, environment: "qa", transient_environment: true, production_environment: true });

    const unknown = await statusOf(h.octokit.rest.repos.createDeployment({ ...repo, ref: "no-such-ref" }));
    expect(unknown).toMatchObject({ status: 422, data: { message: "No ref found for: no-such-ref" } });
    expect(h.gh.state.deployments.size).toBe(2);
  });

  it("lists newest first, filters by sha, ref, task and environment, and paginates", async () => {
    const feature = h.gh.pushFiles("acme/widgets", { branch: "feature", files: { "a.txt": "a\n" }, by: "alice" });
    const ids: number[] = [];
    for (const input of [
      { ref: "main", environment: "staging" },
      { ref: "feature", environment: "staging", task: "deploy:preview" },
      { ref: "main", environment: "production" },
    ]) {
      const created = await h.octokit.rest.repos.createDeployment({ ...repo, ...input });
      if (!("id" in created.data)) throw new Error("expected a deployment");
      ids.push(created.data.id);
    }
    const [first, second, third] = ids;
    const list = async (filters: Record<string, string> = {}) => (await h.octokit.rest.repos.listDeployments({ ...repo, ...filters })).data.map((d) => d.id);
    expect(await list()).toEqual([third, second, first]);
    expect(await list({ sha: feature })).toEqual([second]);
    expect(await list({ ref: "main" })).toEqual([third, first]);
    expect(await list({ task: "deploy:preview" })).toEqual([second]);
    expect(await list({ environment: "staging" })).toEqual([second, first]);
    expect(await list({ environment: "qa" })).toEqual([]);

    const page = await h.octokit.rest.repos.listDeployments({ ...repo, per_page: 2 });
    expect(page.data.map((d) => d.id)).toEqual([third, second]);
    expect(page.headers.link).toContain('rel="next"');
    const all = await h.octokit.paginate(h.octokit.rest.repos.listDeployments, { ...repo, per_page: 1 });
    expect(all.map((d) => d.id)).toEqual([third, second, first]);
  });

  it("records statuses newest first, carries the environment over and raises deployment_status.created", async () => {
    const created = await h.octokit.rest.repos.createDeployment({ ...repo, ref: "main", environment: "staging" });
    if (!("id" in created.data)) throw new Error("expected a deployment");
    const deployment_id = created.data.id;
    const queued = await h.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id, state: "queued", log_url: "https://ci.example/1" });
    expect(queued.status).toBe(201);
    expect(queued.data).toMatchObject({
      state: "queued",
      environment: "staging",
      log_url: "https://ci.example/1",
      target_url: "https://ci.example/1",
      description: "",
      environment_url: "",
      creator: { login: "pitwall[bot]" },
      performed_via_github_app: { id: APP_ID },
      deployment_url: `${h.gh.url}/repos/acme/widgets/deployments/${deployment_id}`,
    });
    // a status may move the deployment to another environment; the next one inherits it
    await h.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id, state: "in_progress", environment: "staging-eu" });
    const person = h.gh.setDeploymentStatus("acme/widgets", deployment_id, { state: "success", by: "alice", description: "Deployed", environmentUrl: "https://staging.example" });
    expect(person).toMatchObject({ environment: "staging-eu", creatorId: h.gh.state.users.get("alice")?.id, viaApp: false });

    const got = await h.octokit.rest.repos.getDeployment({ ...repo, deployment_id });
    expect(got.data).toMatchObject({ environment: "staging-eu", original_environment: "staging" });
    const statuses = await h.octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id });
    expect(statuses.data.map((s) => s.state)).toEqual(["success", "in_progress", "queued"]);
    expect(statuses.data[0]).toMatchObject({ creator: { login: "alice" }, performed_via_github_app: null, environment_url: "https://staging.example", description: "Deployed" });
    const one = await h.octokit.rest.repos.getDeploymentStatus({ ...repo, deployment_id, status_id: queued.data.id });
    expect(one.data).toMatchObject({ id: queued.data.id, state: "queued" });

    const events = statusEvents();
    expect(events.map((e) => field(e.payload, "deployment_status", "state"))).toEqual(["queued", "in_progress", "success"]);
    expect(events.every((e) => e.action === "created" && field(e.payload, "deployment", "id") === deployment_id)).toBe(true);
    expect(field(events[2]?.payload, "sender", "login")).toBe("alice");
    expect(field(events[2]?.payload, "deployment", "environment")).toBe("staging-eu");
  });

  it("answers 404 for an unknown deployment or status", async () => {
    expect((await statusOf(h.octokit.rest.repos.getDeployment({ ...repo, deployment_id: 999 }))).status).toBe(404);
    expect((await statusOf(h.octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: 999 }))).status).toBe(404);
    const refused = await statusOf(h.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: 999, state: "success" }));
    expect(refused).toMatchObject({ status: 404, data: { message: "Not Found" } });
    const created = await h.octokit.rest.repos.createDeployment({ ...repo, ref: "main" });
    if (!("id" in created.data)) throw new Error("expected a deployment");
    expect((await statusOf(h.octokit.rest.repos.getDeploymentStatus({ ...repo, deployment_id: created.data.id, status_id: 1 }))).status).toBe(404);
    expect(h.gh.state.deploymentStatuses.size).toBe(0);
  });

  it("marks prior successful deployments to the same non-production environment inactive on success", async () => {
    const deploy = async (environment: string) => {
      const created = await h.octokit.rest.repos.createDeployment({ ...repo, ref: "main", environment });
      if (!("id" in created.data)) throw new Error("expected a deployment");
      return created.data.id;
    };
    const states = async (id: number) => (await h.octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id })).data.map((s) => s.state);
    const old = await deploy("staging");
    const otherEnv = await deploy("qa");
    const prodOld = await deploy("production");
    for (const id of [old, otherEnv, prodOld]) await h.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: "success" });

    const next = await deploy("staging");
    await h.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: next, state: "in_progress" });
    expect(await states(old)).toEqual(["success"]);
    await h.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: next, state: "success" });
    expect(await states(old)).toEqual(["inactive", "success"]);
    expect(await states(otherEnv)).toEqual(["success"]);
    const prodNext = await deploy("production");
    await h.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: prodNext, state: "success" });
    expect(await states(prodOld)).toEqual(["success"]);
    expect(statusEvents().some((e) => field(e.payload, "deployment_status", "state") === "inactive" && field(e.payload, "deployment", "id") === old)).toBe(true);

    const later = await deploy("staging");
    await h.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: later, state: "success", auto_inactive: false });
    expect(await states(next)).toEqual(["success", "in_progress"]);
  });

  it("answers 409 when required contexts are not all success, listing them", async () => {
    await h.octokit.rest.repos.createCommitStatus({ ...repo, sha: main, state: "success", context: "ci/lint" });
    await h.octokit.rest.repos.createCommitStatus({ ...repo, sha: main, state: "failure", context: "ci/test" });
    h.gh.reportCheckRun("acme/widgets", main, { name: "build", status: "in_progress" });

    const all = await statusOf(h.octokit.rest.repos.createDeployment({ ...repo, ref: "main" }));
    expect(all).toMatchObject({
      status: 409,
      data: {
        message: "Conflict: Commit status checks failed for main.",
        errors: [
          {
            resource: "Deployment",
            field: "required_contexts",
            code: "invalid",
            contexts: [
              { context: "build", state: "pending" },
              { context: "ci/lint", state: "success" },
              { context: "ci/test", state: "failure" },
            ],
          },
        ],
        documentation_url: "https://docs.github.com/rest/deployments/deployments#create-a-deployment",
        status: "409",
      },
    });
    // a named subset: only those must pass; a context never reported counts as pending
    expect((await h.octokit.rest.repos.createDeployment({ ...repo, ref: "main", required_contexts: ["ci/lint"] })).status).toBe(201);
    const missing = await statusOf(h.octokit.rest.repos.createDeployment({ ...repo, ref: "main", required_contexts: ["ci/lint", "ci/e2e"] }));
    expect(field(missing.data, "errors")).toEqual([
      { resource: "Deployment", field: "required_contexts", code: "invalid", contexts: [{ context: "ci/lint", state: "success" }, { context: "ci/e2e", state: "pending" }] },
    ]);
    // an empty list skips the check
    expect((await h.octokit.rest.repos.createDeployment({ ...repo, ref: "main", required_contexts: [] })).status).toBe(201);

    // the latest status and check run per context decide
    await h.octokit.rest.repos.createCommitStatus({ ...repo, sha: main, state: "success", context: "ci/test" });
    h.gh.reportCheckRun("acme/widgets", main, { name: "build", conclusion: "success" });
    expect((await h.octokit.rest.repos.createDeployment({ ...repo, ref: "main" })).status).toBe(201);
    expect(deploymentEvents()).toHaveLength(3);
  });

  it("auto-merges the default branch into a branch behind it (202, no deployment) unless auto_merge is false", async () => {
    const old = h.gh.pushFiles("acme/widgets", { branch: "topic", files: { "topic.txt": "t\n" }, by: "alice" });
    const pr = h.gh.openPullRequest("acme/widgets", { head: "topic", title: "Topic", by: "alice" });
    const newMain = h.gh.pushFiles("acme/widgets", { branch: "main", files: { "main.txt": "m\n" }, by: "alice" });

    const noMerge = await h.octokit.rest.repos.createDeployment({ ...repo, ref: "topic", auto_merge: false, required_contexts: [] });
    expect(noMerge.status).toBe(201);
    expect(noMerge.data).toMatchObject({ sha: old });

    const merged = await h.octokit.rest.repos.createDeployment({ ...repo, ref: "topic", required_contexts: [] });
    expect(merged.status).toBe(202);
    expect(merged.data).toEqual({ message: "Auto-merged main into topic on deployment." });
    expect(h.gh.state.deployments.size).toBe(1);
    const tip = h.gh.state.refs.get("acme/widgets")?.get("refs/heads/topic") ?? "";
    expect(h.gh.state.commits.get(tip)?.parents).toEqual([old, newMain]);
    expect(h.gh.readFile("acme/widgets", "topic", "main.txt")).toBe("m\n");
    expect(h.gh.readFile("acme/widgets", "topic", "topic.txt")).toBe("t\n");
    const sync = h.gh.state.events.filter((e) => e.event === "pull_request" && e.action === "synchronize");
    expect(sync.map((e) => [field(e.payload, "number"), field(e.payload, "after")])).toEqual([[pr.number, tip]]);

    // now up to date: the deployment is created at the merge commit
    const again = await h.octokit.rest.repos.createDeployment({ ...repo, ref: "topic", required_contexts: [] });
    expect(again.status).toBe(201);
    expect(again.data).toMatchObject({ sha: tip, ref: "topic" });
  });

  it("answers 409 when the default branch cannot be merged into the ref", async () => {
    const old = h.gh.pushFiles("acme/widgets", { branch: "topic", files: { "README.md": "topic\n" }, by: "alice" });
    h.gh.pushFiles("acme/widgets", { branch: "main", files: { "README.md": "main\n" }, by: "alice" });
    const conflict = await statusOf(h.octokit.rest.repos.createDeployment({ ...repo, ref: "topic" }));
    expect(conflict).toMatchObject({ status: 409, data: { message: "Conflict merging main into topic." } });
    // a SHA or tag cannot take a merge commit
    const sha = await statusOf(h.octokit.rest.repos.createDeployment({ ...repo, ref: main }));
    expect(sha).toMatchObject({ status: 409, data: { message: `Conflict merging main into ${main}.` } });
    expect(h.gh.state.refs.get("acme/widgets")?.get("refs/heads/topic")).toBe(old);
    expect(h.gh.state.deployments.size).toBe(0);
    expect(deploymentEvents()).toEqual([]);
  });
});

describe("the deployments permission", () => {
  it("answers 403 without it, and lets a read-only installation list but not create", async () => {
    const none = await startHarness({ installationPermissions: { contents: "write", metadata: "read", checks: "write" } });
    try {
      const refused = await statusOf(none.octokit.rest.repos.createDeployment({ ...repo, ref: "main" }));
      expect(refused).toMatchObject({ status: 403, data: { message: "Resource not accessible by integration" } });
      expect((await statusOf(none.octokit.rest.repos.listDeployments(repo))).status).toBe(403);
      expect(none.gh.state.deployments.size).toBe(0);
    } finally {
      await none.gh.close();
    }

    const read = await startHarness({ installationPermissions: { contents: "write", metadata: "read", deployments: "read" } });
    try {
      expect((await read.octokit.rest.repos.listDeployments(repo)).status).toBe(200);
      expect((await statusOf(read.octokit.rest.repos.createDeployment({ ...repo, ref: "main" }))).status).toBe(403);
      expect((await statusOf(read.octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: 1, state: "success" }))).status).toBe(403);
    } finally {
      await read.gh.close();
    }
  });
});
