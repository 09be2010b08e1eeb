// Repository rulesets: created and read over REST as GitHub does, their `pull_request` and
// `required_status_checks` rules enforced on merge with GitHub's 405, and an Integration bypass
// actor that lets that app merge while everyone else is held.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { APP_ID, field, startHarness, statusOf, type Harness } from "./fake-github-harness.ts";
import { schemaChecker, type SchemaChecker } from "./spec-schemas.ts";
import type { RulesetInput } from "../../windtunnel/github/index.ts";
import { GitHubError } from "../../windtunnel/github/http/errors.ts";

const repo = { owner: "acme", repo: "widgets" };

/** The ruleset docs/operating.md "Branch protection" asks for, with the app as bypass actor. */
const gateRuleset = (bypass: RulesetInput["bypass_actors"] = [{ actor_id: APP_ID, actor_type: "Integration", bypass_mode: "always" }]): RulesetInput => ({
  name: "Pitwall gates",
  target: "branch",
  enforcement: "active",
  bypass_actors: bypass,
  conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
  rules: [
    { type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "pitwall/gate", integration_id: APP_ID }] } },
    { type: "pull_request", parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, require_code_owner_review: false, require_last_push_approval: false, required_review_thread_resolution: false } },
  ],
});

describe("repository rulesets", () => {
  let h: Harness;
  let checker: SchemaChecker;

  beforeEach(async () => {
    h = await startHarness({ installationPermissions: { contents: "write", pull_requests: "write", checks: "write", administration: "write", metadata: "read" } });
    h.gh.createUser({ login: "bob" });
    h.gh.setPermission("acme/widgets", "alice", "write");
    h.gh.setPermission("acme/widgets", "bob", "write");
    checker = await schemaChecker();
  });

  afterEach(async () => {
    await h.gh.close();
  });

  function personPull(branch: string, by = "alice"): { number: number; sha: string } {
    const sha = h.gh.pushFiles("acme/widgets", { branch, files: { [`${branch}.txt`]: "change\n" }, by });
    const pull = h.gh.openPullRequest("acme/widgets", { head: branch, title: `Change ${branch}`, by });
    return { number: pull.number, sha };
  }

  /** A person merges in the web UI: GitHub's refusal, or 200 when merged. */
  function mergeAs(by: string, number: number): { status: number; message: string } {
    try {
      h.gh.mergePullRequest("acme/widgets", number, { by });
      return { status: 200, message: "merged" };
    } catch (error) {
      if (error instanceof GitHubError) return { status: error.status, message: error.message };
      throw error;
    }
  }

  it("creates, lists and reads a ruleset with GitHub's shapes, and lists the rules of a branch", async () => {
    const created = await h.octokit.request("POST /repos/{owner}/{repo}/rulesets", { ...repo, ...gateRuleset() });
    expect(created.status).toBe(201);
    expect(checker.response("POST", "/repos/{owner}/{repo}/rulesets", 201, created.data)).toEqual([]);
    expect(created.data).toMatchObject({ name: "Pitwall gates", enforcement: "active", source_type: "Repository", source: "acme/widgets", current_user_can_bypass: "always" });
    const list = await h.octokit.request("GET /repos/{owner}/{repo}/rulesets", repo);
    expect(list.data.map((r) => r.id)).toEqual([created.data.id]);
    expect(checker.response("GET", "/repos/{owner}/{repo}/rulesets", 200, list.data)).toEqual([]);
    const rules = await h.octokit.request("GET /repos/{owner}/{repo}/rules/branches/{branch}", { ...repo, branch: "main" });
    expect(checker.response("GET", "/repos/{owner}/{repo}/rules/branches/{branch}", 200, rules.data)).toEqual([]);
    expect(rules.data.map((r) => [r.type, r.ruleset_id])).toEqual([
      ["required_status_checks", created.data.id],
      ["pull_request", created.data.id],
    ]);
    // the default branch only: another branch has no rules
    expect((await h.octokit.request("GET /repos/{owner}/{repo}/rules/branches/{branch}", { ...repo, branch: "feature" })).data).toEqual([]);
    const dup = await statusOf(h.octokit.request("POST /repos/{owner}/{repo}/rulesets", { ...repo, ...gateRuleset() }));
    expect(dup).toMatchObject({ status: 422, data: { message: "Validation Failed", errors: ["Name must be unique"] } });
  });

  it("shows the bypass list only to those who may edit it, and the caller's own bypass always", async () => {
    const ruleset = h.gh.createRuleset("acme/widgets", gateRuleset());
    h.gh.installApp({ installationId: 778, account: "acme", repos: ["acme/widgets"], permissions: { administration: "read", metadata: "read" } });
    const reader = new Octokit({ baseUrl: h.gh.url, authStrategy: createAppAuth, auth: { appId: APP_ID, privateKey: h.privateKey, installationId: 778 } });
    const read = await reader.request("GET /repos/{owner}/{repo}/rulesets/{ruleset_id}", { ...repo, ruleset_id: ruleset.id });
    expect(read.data.bypass_actors).toBeUndefined();
    expect(read.data.current_user_can_bypass).toBe("always");
    expect(checker.response("GET", "/repos/{owner}/{repo}/rulesets/{ruleset_id}", 200, read.data)).toEqual([]);
    expect((await statusOf(reader.request("POST /repos/{owner}/{repo}/rulesets", { ...repo, ...gateRuleset(), name: "other" }))).status).toBe(403);
    const admin = await h.octokit.request("GET /repos/{owner}/{repo}/rulesets/{ruleset_id}", { ...repo, ruleset_id: ruleset.id });
    expect(admin.data.bypass_actors).toEqual([{ actor_id: APP_ID, actor_type: "Integration", bypass_mode: "always" }]);
    expect(checker.response("GET", "/repos/{owner}/{repo}/rulesets/{ruleset_id}", 200, admin.data)).toEqual([]);
    const missing = await statusOf(h.octokit.request("GET /repos/{owner}/{repo}/rulesets/{ruleset_id}", { ...repo, ruleset_id: ruleset.id + 1 }));
    expect(missing.status).toBe(404);
  });

  it("holds a person's merge with GitHub's 405 until the rules are met", async () => {
    h.gh.createRuleset("acme/widgets", gateRuleset());
    const pull = personPull("feature");
    const merge = () => mergeAs("alice", pull.number);
    expect(merge()).toMatchObject({
      status: 405,
      message: 'Repository rule violations found\n\nRequired status check "pitwall/gate" is expected.\n\nAt least 1 approving review is required by reviewers with write access.\n\n',
    });
    expect((await h.octokit.rest.pulls.get({ ...repo, pull_number: pull.number })).data.mergeable_state).toBe("blocked");
    // a pitwall/gate from another app does not satisfy a check pinned to the app
    h.gh.reportCheckRun("acme/widgets", pull.sha, { name: "pitwall/gate", app: "impostor", conclusion: "success" });
    h.gh.review("acme/widgets", pull.number, { by: "bob", event: "APPROVE" });
    expect(merge()).toMatchObject({ status: 405, message: 'Repository rule violations found\n\nRequired status check "pitwall/gate" is expected.\n\n' });
    await h.octokit.rest.checks.create({ ...repo, name: "pitwall/gate", head_sha: pull.sha, conclusion: "success" });
    expect((await h.octokit.rest.pulls.get({ ...repo, pull_number: pull.number })).data.mergeable_state).toBe("clean");
    expect(merge()).toEqual({ status: 200, message: "merged" });
  });

  it("lets the app merge as a bypass actor while the rules still hold everyone else", async () => {
    h.gh.createRuleset("acme/widgets", gateRuleset());
    const pull = personPull("feature");
    expect(mergeAs("alice", pull.number)).toMatchObject({ status: 405 });
    const merged = await h.octokit.rest.pulls.merge({ ...repo, pull_number: pull.number, sha: pull.sha });
    expect(merged.data.merged).toBe(true);
  });

  it("holds the app like anyone when it is not a bypass actor, or the ruleset is not active", async () => {
    h.gh.createRuleset("acme/widgets", gateRuleset([{ actor_id: 5, actor_type: "RepositoryRole", bypass_mode: "always" }]));
    const pull = personPull("feature");
    const refused = await statusOf(h.octokit.rest.pulls.merge({ ...repo, pull_number: pull.number }));
    expect(refused.status).toBe(405);
    expect(field(refused.data, "message")).toMatch(/^Repository rule violations found\n\n/);
    expect(field(refused.data, "documentation_url")).toBe("https://docs.github.com/rest/pulls/pulls#merge-a-pull-request");
    expect((await h.octokit.request("GET /repos/{owner}/{repo}/rulesets/{ruleset_id}", { ...repo, ruleset_id: [...h.gh.state.rulesets.keys()][0] ?? 0 })).data.current_user_can_bypass).toBe("never");
    h.gh.createRuleset("acme/widgets", { ...gateRuleset(), name: "evaluate only", enforcement: "evaluate" });
    expect((await h.octokit.request("GET /repos/{owner}/{repo}/rules/branches/{branch}", { ...repo, branch: "main" })).data).toHaveLength(2);
  });

  it("refuses a direct update of the branch unless the actor may always bypass", async () => {
    h.gh.createRuleset("acme/widgets", gateRuleset([{ actor_id: APP_ID, actor_type: "Integration", bypass_mode: "pull_request" }]));
    const side = h.gh.pushFiles("acme/widgets", { branch: "side", files: { "x.txt": "x\n" }, by: "alice" });
    const refused = await statusOf(h.octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: side }));
    expect(refused).toMatchObject({ status: 422, data: { message: 'Repository rule violations found\n\nRequired status check "pitwall/gate" is expected.\n\nChanges must be made through a pull request.\n\n' } });
    expect(h.gh.readFile("acme/widgets", "main", "x.txt")).toBeUndefined();
  });
});
