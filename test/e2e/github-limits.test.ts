import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelNewIssue, repo, startLifecycle, statusCard, workItemOf, type Lifecycle, scriptedAgentReply } from "../../windtunnel/index.ts";
import { checkRunsNamed, pullsIn } from "../support/world-queries.ts";

// GitHub's field limits (titles 256 characters, bodies 65,536, check-run summary and text 65,535,
// label names 50), which the fake GitHub enforces with GitHub's own 422s: what Pitwall writes is
// cut at a grapheme boundary with an ellipsis and a pointer to where the whole text lives, and
// the work item goes on. A 422 validation error is permanent: not retried, named on the card.

const characters = (text: string) => [...text].length;
const isVerifier = (request: Parameters<typeof scriptedAgentReply>[0]) => (request.body as { tools: { name: string }[] }).tools.some((tool) => tool.name === "submit_verdict");

describe("texts longer than GitHub allows", () => {
  let life: Lifecycle;
  let issueNumber: number;
  // 256 characters: the most GitHub takes for the issue; "spec: " and " (#n)" push the PR title over.
  const title = `Support ${"very ".repeat(40)}long titles`.padEnd(256, "!");
  const summary = Array.from({ length: 5_000 }, (_, index) => `Step ${index + 1}: the specifier 👩‍👩‍👧 wrote this note.`).join(" ");
  // 70,000 characters but 140,000 bytes: over the check run's summary limit either way.
  const finding = "é".repeat(70_000);

  beforeAll(async () => {
    life = await startLifecycle();
    life.tunnel.anthropic.setResponder((request) => {
      const reply = scriptedAgentReply(request);
      const [call] = reply.toolCalls ?? [];
      if (!call) return reply;
      if (isVerifier(request)) return { ...reply, toolCalls: [{ name: "submit_verdict", input: { verdict: "pass", summary: "The spec holds.", findings: [{ severity: "warning", message: finding }] } }] };
      if (call.name === "submit_artifacts" && typeof call.input === "object" && call.input !== null) return { ...reply, toolCalls: [{ name: call.name, input: { ...call.input, summary } }] };
      return reply;
    });
    expect(characters(title)).toBe(256);
    expect(summary.length).toBeGreaterThan(100_000);
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title, body: "Titles get long." });
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("opens the pass PR and waits at its gate", async () => {
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("awaiting_gate");
    expect(pullsIn(life.tunnel.github, repo)).toHaveLength(1);
    expect(life.tunnel.github.violations).toEqual([]);
  });

  it("cuts the PR title at 256 characters with an ellipsis", () => {
    const [pull] = pullsIn(life.tunnel.github, repo);
    const stored = pull?.issue.title ?? "";
    expect(characters(stored)).toBeLessThanOrEqual(256);
    expect(stored.startsWith("spec: Support very")).toBe(true);
    expect(stored.endsWith("…")).toBe(true);
  });

  it("cuts the PR body within 65,536 characters at a grapheme, keeps its gate, and points to the commit with the whole summary", () => {
    const [pull] = pullsIn(life.tunnel.github, repo);
    const body = pull?.issue.body ?? "";
    expect(characters(body)).toBeLessThanOrEqual(65_536);
    expect(body).toContain("…");
    // a family emoji is one grapheme of five code points: never split
    expect(body).not.toMatch(/👩‍👩‍?…|👩‍…/u);
    expect(body).toContain(`the whole summary is in the message of commit ${pull?.headSha.slice(0, 7) ?? "?"}`);
    expect(body).toContain("**Gate (both):**");
    expect(body).toContain(`Part of #${issueNumber}. Opened by Pitwall.`);
    expect(life.tunnel.github.state.commits.get(pull?.headSha ?? "")?.message).toContain(summary);
  });

  it("cuts the verifier's check-run summary within 65,535 bytes and says where its whole verdict is kept", () => {
    const [check] = checkRunsNamed(life.tunnel.github, "pitwall/product-manager");
    const text = check?.output.summary ?? "";
    expect(Buffer.byteLength(text, "utf8")).toBeLessThanOrEqual(65_535);
    expect(text).toContain("The spec holds.");
    expect(text).toContain("é…");
    expect(text).toMatch(/whole verdict .*verifier run \d+/);
    expect(check?.conclusion).toBe("success");
  });
});

describe("a 422 validation error from GitHub", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    // GitHub refuses the pass PR as it refuses a body that is too long, however often it is asked.
    life.tunnel.github.injectFault({
      method: "POST",
      route: "/repos/{owner}/{repo}/pulls",
      times: 5,
      respond: {
        status: 422,
        body: { message: "Validation Failed", errors: [{ resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }], documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request", status: "422" },
      },
    });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add search", body: "Search by name." });
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("is not retried: the pass job runs once and fails", async () => {
    const refused = life.tunnel.github.requests.filter((request) => request.method === "POST" && request.route === "/repos/{owner}/{repo}/pulls");
    expect(refused.map((request) => request.status)).toEqual([422]);
    const jobs = await life.tunnel.pitwall.sql.query<{ status: string; attempts: number }>("select status, attempts from jobs where kind = 'run_pass'");
    expect(jobs).toEqual([{ status: "failed", attempts: 1 }]);
  });

  it("names the refused field on the status card, without claiming repeated errors", async () => {
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("failed");
    const card = statusCard(life.tunnel, issueNumber);
    expect(card).toContain("GitHub refused the pull request's `body` (Issue): body is too long (maximum is 65536 characters)");
    expect(card).not.toContain("repeated errors");
  });
});
