import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPull, driveToDone, labelNewIssue, repo, say, startLifecycle, statusCard, workItemOf, type Lifecycle, scriptedAgentReply } from "../../windtunnel/index.ts";
import { checkRunsNamed, commentsOn } from "../support/world-queries.ts";

// Verifiers as check runs: 120 findings arrive as annotations in batches of 50; GitHub's re-run
// updates the same check run; a test-tampering finding holds the gate until a person waives it;
// the Escalate button hands the work item to a person; definitions are linted on any PR.

describe("verifier check runs on the refactor workflow's verify pass", () => {
  let life: Lifecycle;
  let issueNumber: number;
  let verify: Awaited<ReturnType<typeof currentPull>>;
  let verifierCalls = 0;
  let tamperedHead = "";

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    gh.pushFiles(repo, { branch: "main", by: "carol", files: { "test/launch.test.ts": 'import { launch } from "../src/index";\n\nit("launches", () => {\n  expect(launch()).toBe(1);\n});\n' } });
    // The test reviewer passes the verify pass, with 120 findings on its report.
    life.tunnel.anthropic.setResponder((request) => {
      const body = JSON.stringify(request.body);
      if (!body.includes("submit_verdict") || !body.includes('verifying pass \\"verify\\"') || !body.includes("You are the test reviewer")) return scriptedAgentReply(request);
      verifierCalls += 1;
      const findings = Array.from({ length: 120 }, (_, index) => ({ path: "src/index.ts", line: 1, severity: "warning", message: `Observation ${index + 1}: consider a test for this branch.` }));
      return { toolCalls: [{ name: "submit_verdict", input: { verdict: "pass", summary: "The change is tested; 120 small observations.", findings } }] };
    });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:refactor", { title: "Split the launch module", body: "launch.ts mixes parsing and IO." });
    // Approve every gate up to the verify pass, then stop there.
    await driveToDone(life.tunnel, issueNumber, "carol", (pull) => {
      if (pull.passId !== "verify") return Promise.resolve(false);
      verify = pull;
      return Promise.reject(new Error("stop at verify"));
    }).catch((error: unknown) => {
      if (!(error instanceof Error) || error.message !== "stop at verify") throw error;
    });
  }, 90_000);

  afterAll(async () => {
    await life?.close();
  });

  it("shows each verifier as queued, then in progress, then completed", () => {
    const [check] = checkRunsNamed(life.tunnel.github, "pitwall/test-reviewer").filter((run) => run.headSha === verify.headSha);
    const statuses = life.tunnel.github.requests
      .filter((request) => (request.method === "POST" && request.route === "/repos/{owner}/{repo}/check-runs" && JSON.stringify(request.body).includes('"pitwall/test-reviewer"') && JSON.stringify(request.body).includes(verify.headSha)) || request.path.endsWith(`/check-runs/${String(check?.id)}`))
      .map((request) => (request.body as { status?: string }).status)
      .filter((status) => status !== undefined);
    expect(statuses.slice(0, 3)).toEqual(["queued", "in_progress", "completed"]);
  });

  it("sends 120 annotations in batches of 50", () => {
    const [check] = checkRunsNamed(life.tunnel.github, "pitwall/test-reviewer").filter((run) => run.headSha === verify.headSha);
    expect(check?.annotations).toHaveLength(120);
    expect(check?.conclusion).toBe("success");
    const writes = life.tunnel.github.requests.filter((request) => request.route?.startsWith("/repos/{owner}/{repo}/check-runs") && ((request.body as { output?: { annotations?: unknown[] } } | undefined)?.output?.annotations?.length ?? 0) > 0 && JSON.stringify(request.body).includes("Observation"));
    expect(writes.map((request) => (request.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual([50, 50, 20]);
    expect(check?.annotations[0]).toMatchObject({ path: "src/index.ts", start_line: 1, annotation_level: "warning" });
  });

  it("re-runs the verifier on GitHub's Re-run without adding a check run or repeating annotations", async () => {
    const [check] = checkRunsNamed(life.tunnel.github, "pitwall/test-reviewer").filter((run) => run.headSha === verify.headSha);
    const before = verifierCalls;
    life.tunnel.github.rerequestCheckRun(repo, check!.id, { by: "carol" });
    await life.tunnel.settle();
    expect(verifierCalls).toBe(before + 1);
    const after = checkRunsNamed(life.tunnel.github, "pitwall/test-reviewer").filter((run) => run.headSha === verify.headSha);
    expect(after.map((run) => run.id)).toEqual([check!.id]);
    expect(after[0]?.annotations).toHaveLength(120);
    expect(statusCard(life.tunnel, issueNumber)).toContain("| carol | re-ran pitwall/test-reviewer |");
  });

  it("holds the gate on a skipped test until a person waives the finding, recomputing the conclusion", async () => {
    life.tunnel.github.pushFiles(repo, {
      branch: `pitwall/${issueNumber}/verify`,
      by: "alice",
      files: { "test/launch.test.ts": 'import { launch } from "../src/index";\n\nit.skip("launches", () => {\n  expect(launch()).toBe(1);\n});\n' },
    });
    await life.tunnel.settle();
    tamperedHead = (await currentPull(life.tunnel, issueNumber)).headSha;
    const [tampering] = checkRunsNamed(life.tunnel.github, "pitwall/test-tampering").filter((run) => run.headSha === tamperedHead);
    expect(tampering?.conclusion).toBe("failure");
    expect(tampering?.annotations).toEqual([expect.objectContaining({ path: "test/launch.test.ts", start_line: 3, annotation_level: "failure" })]);
    await say(life.tunnel, verify.number, "/approve", "carol");
    expect((await workItemOf(life.tunnel, issueNumber)).current_pass).toBe("verify");
    const id = /\[([0-9a-f]{8})\]$/.exec(tampering?.annotations[0]?.title ?? "")?.[1];
    expect(id).toBeDefined();
    await say(life.tunnel, verify.number, `/waive ${id ?? ""} The flaky launch test is tracked in #99.`, "bob");
    expect(commentsOn(life.tunnel.github, repo, verify.number).at(-1)?.body).toContain("your `/waive` was not counted");
    await say(life.tunnel, verify.number, `/waive ${id ?? ""} The flaky launch test is tracked in #99.`, "carol");
    const recomputed = checkRunsNamed(life.tunnel.github, "pitwall/test-tampering").filter((run) => run.headSha === tamperedHead);
    expect(recomputed.map((run) => run.conclusion)).toEqual(["success"]);
    expect(recomputed[0]?.output.summary).toContain(`\`${id ?? ""}\` by @carol: The flaky launch test is tracked in #99.`);
    expect(statusCard(life.tunnel, issueNumber)).toContain(`| carol | waived ${id ?? ""} (test-tampering)`);
    // Alice's push also wrote a test file, outside what the verify pass's agent may write: that holds the gate too.
    const gate = checkRunsNamed(life.tunnel.github, "pitwall/gate").find((run) => run.headSha === tamperedHead);
    expect(gate?.output.summary).toContain("✅ verifier `test-tampering` passed");
    expect(gate?.output.summary).toContain("⏳ verifier `write-scope` failed");
  });

  it("hands the work item to a person from the Escalate button, and a person can still approve", async () => {
    const [check] = checkRunsNamed(life.tunnel.github, "pitwall/test-reviewer").filter((run) => run.headSha === tamperedHead);
    const payload = {
      action: "requested_action",
      check_run: { id: check!.id, name: "pitwall/test-reviewer", head_sha: tamperedHead, status: "completed" },
      requested_action: { identifier: "escalate" },
      repository: { name: "rocket", full_name: repo, owner: { login: "acme" } },
      sender: { login: "carol", type: "User" },
      installation: { id: life.tunnel.installationId },
    };
    await life.tunnel.github.deliver("check_run", "requested_action", payload);
    await life.tunnel.settle();
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("escalated");
    expect(statusCard(life.tunnel, issueNumber)).toContain("@carol asked for a person on `pitwall/test-reviewer`");
    // The person waives the write-scope finding; carol's approval of this head stands, so the pass merges.
    const [scope] = checkRunsNamed(life.tunnel.github, "pitwall/write-scope").filter((run) => run.headSha === tamperedHead);
    const id = /\[([0-9a-f]{8})\]$/.exec(scope?.annotations[0]?.title ?? "")?.[1] ?? "";
    await say(life.tunnel, verify.number, `/waive ${id} A person's fix-up to the test, reviewed.`, "carol");
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
  });
});

describe("pitwall/definitions on any pull request", () => {
  let life: Lifecycle;

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    gh.pushFiles(repo, { branch: "bad-workflow", by: "alice", files: { ".github/pitwall/workflows/release.md": "---\nname: release\nversion: one\nlabel: pitwall:release\ndescription: Ship it.\npasses: []\n---\n\nRelease.\n" } });
    gh.openPullRequest(repo, { head: "bad-workflow", title: "Add a release workflow", by: "alice" });
    gh.pushFiles(repo, { branch: "readme", by: "alice", files: { "README.md": "# Rocket\n\nNow with docs.\n" } });
    gh.openPullRequest(repo, { head: "readme", title: "Docs", by: "alice" });
    await life.tunnel.settle();
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("annotates each problem at its line, and leaves other pull requests alone", () => {
    const checks = checkRunsNamed(life.tunnel.github, "pitwall/definitions");
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ conclusion: "failure" });
    expect(checks[0]?.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ".github/pitwall/workflows/release.md", start_line: 3, annotation_level: "failure", message: "version: Invalid input: expected number, received string" }),
        expect.objectContaining({ path: ".github/pitwall/workflows/release.md", start_line: 6, message: "passes: a workflow needs at least one pass" }),
      ]),
    );
  });
});
