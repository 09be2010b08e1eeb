import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatUsd, usdToNano } from "../../src/domain/money.ts";
import { type RecordedRequest, scriptedAgentReply, scriptedUsage, driveToDone, repo, say, startLifecycle, statusCard, workItemOf, type Lifecycle } from "../../windtunnel/index.ts";
import { commentsOn, issueByNumber, pullsIn } from "../support/world-queries.ts";

// Issue 6: "changing one input artifact re-runs exactly the passes downstream of it", and a
// re-run shows what the artifact cache saved. The workflow below has a pass after the design
// that does not depend on it (test-plan), so "downstream" is not just "later".
const planWorkflow = `---
name: plan
version: 1
label: pitwall:plan
description: Specification, design, a test plan from the specification, and a build plan from the design.
priority: 50
budget_usd: 20
forecast_usd: 2
passes:
  - id: spec
    agent: specifier
    description: Issue → specification.
    inputs: [issue]
    outputs: [spec.md]
    gate: { kind: human, criteria: ["Every requirement is in the specification."], approvers: write, required_approvals: 1, max_iterations: 3, merge: auto }
  - id: design
    agent: architect
    description: Specification → design.
    inputs: [issue, spec.md]
    outputs: [design.md]
    gate: { kind: human, criteria: ["The design covers the specification."], approvers: write, required_approvals: 1, max_iterations: 3, merge: auto }
  - id: test-plan
    agent: qa-engineer
    description: Specification → test plan (the design does not change it).
    inputs: [issue, spec.md]
    outputs: [test-plan.md]
    gate: { kind: human, criteria: ["Every requirement has a test."], approvers: write, required_approvals: 1, max_iterations: 3, merge: auto }
  - id: build-plan
    agent: architect
    description: Design → build plan.
    inputs: [issue, spec.md, design.md]
    outputs: [build-plan.md]
    gate: { kind: human, criteria: ["Every decision of the design has a step."], approvers: write, required_approvals: 1, max_iterations: 3, merge: auto }
---

# Plan
`;

type Body = { tools?: { name: string; input_schema?: unknown }[]; messages?: unknown[] };
const outputsOf = (request: RecordedRequest) => JSON.stringify((request.body as Body).tools?.find((tool) => tool.name === "submit_artifacts") ?? "");
const passOf = (request: RecordedRequest) => ["build-plan.md", "test-plan.md", "design.md", "spec.md"].find((name) => outputsOf(request).includes(`"${name}"`));

describe("/rerun after a person edits the design", () => {
  let life: Lifecycle;
  let issueNumber: number;
  const folder = () => `docs/work/${issueNumber}-add-export-to-csv`;
  const ledger = () =>
    life.tunnel.pitwall.sql.query<{ pass_id: string; agent: string; usd: string; cache_hit: boolean; saving_usd: string }>(
      "select p.pass_id, l.agent, l.usd::text as usd, l.cache_hit, l.saving_usd::text as saving_usd from ledger l join pass_runs p on p.id = l.pass_run_id order by l.id",
    );
  let firstRunRequests = 0;

  beforeAll(async () => {
    life = await startLifecycle();
    const gh = life.tunnel.github;
    gh.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall/workflows/plan.md": planWorkflow } });
    // The architect looks at the repo before it designs (a read-only tool loop); the build plan
    // carries the design's decision, so what it writes depends on the design it is given.
    life.tunnel.anthropic.setResponder((request) => {
      const prompt = JSON.stringify((request.body as Body).messages ?? []);
      const pass = passOf(request);
      if (pass === "design.md" && !prompt.includes("tool_result")) {
        return { text: "", toolCalls: [{ name: "read_file", input: { path: "README.md" } }, { name: "list_files", input: { path: "" } }], usage: scriptedUsage };
      }
      if (pass === "build-plan.md") {
        const decision = /Decision: ([^\\]*)/.exec(prompt)?.[1] ?? "none";
        return { text: "", toolCalls: [{ name: "submit_artifacts", input: { artifacts: [{ name: "build-plan.md", content: `# Build plan\n\nStep 1 carries out: ${decision}\n` }], summary: "Wrote build-plan.md." } }], usage: scriptedUsage };
      }
      if (pass === "design.md") {
        return { text: "", toolCalls: [{ name: "submit_artifacts", input: { artifacts: [{ name: "design.md", content: "# Design\n\nDecision: stream rows to the file.\n" }], summary: "Wrote design.md." } }], usage: scriptedUsage };
      }
      return scriptedAgentReply(request);
    });
    issueNumber = gh.createIssue(repo, { title: "Add export to CSV", body: "Users want their rockets as a CSV file.", author: "alice" }).number;
    gh.addLabel(repo, issueNumber, "pitwall:plan", { by: "alice" });
    await driveToDone(life.tunnel, issueNumber, "carol");
    firstRunRequests = life.tunnel.anthropic.requests.length;
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("ran the four passes once, the design's tool loop reading the repo", async () => {
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
    expect(life.tunnel.github.readFile(repo, "main", `${folder()}/build-plan.md`)).toContain("stream rows to the file");
    const [design] = await life.tunnel.pitwall.sql.query<{ reads: { files: Record<string, string | null>; listing: string[] | null } }>("select reads from pass_runs where pass_id = 'design'");
    expect(Object.keys(design?.reads.files ?? {})).toEqual(["README.md"]);
    expect(design?.reads.listing).toContain("src/index.ts");
  });

  it("reuses the unchanged passes, keeps the person's design and runs only the build plan again", async () => {
    const gh = life.tunnel.github;
    gh.pushFiles(repo, { branch: "main", by: "carol", files: { [`${folder()}/design.md`]: "# Design\n\nDecision: write the file in pages of 500 rows.\n" } });
    const before = await ledger();
    await say(life.tunnel, issueNumber, "/rerun", "alice");

    // The issue is open again and the first three passes went by without a model call or a PR.
    expect(issueByNumber(gh, repo, issueNumber).state).toBe("open");
    const item = await workItemOf(life.tunnel, issueNumber);
    expect(item).toMatchObject({ state: "awaiting_gate", current_pass: "build-plan" });
    const rerunCalls = life.tunnel.anthropic.requests.slice(firstRunRequests);
    expect(rerunCalls.map(passOf)).toEqual(["build-plan.md"]);
    const card = statusCard(life.tunnel, issueNumber);
    expect(card).toContain("| spec | specifier | human | ♻️ reused (inputs unchanged) |");
    expect(card).toContain("| design | architect | human | ♻️ reused (inputs unchanged; kept the edit of `docs/work/");
    expect(card).toContain("| test-plan | qa-engineer | human | ♻️ reused (inputs unchanged) |");

    // The ledger records each hit at $0 with what the pass cost the first time.
    const costOf = (passId: string) => before.filter((row) => row.pass_id === passId).reduce((sum, row) => sum + Number(row.usd), 0);
    const hits = (await ledger()).slice(before.length).filter((row) => row.cache_hit);
    expect(hits.map((row) => [row.pass_id, row.usd, Number(row.saving_usd)])).toEqual([
      ["spec", "0.000000000", costOf("spec")],
      ["design", "0.000000000", costOf("design")],
      ["test-plan", "0.000000000", costOf("test-plan")],
    ]);
    // The design's tool loop took two calls.
    expect(costOf("design")).toBeCloseTo(2 * costOf("build-plan"), 9);

    // The build plan's PR is built on the edited design.
    const pull = pullsIn(gh, repo).filter((candidate) => candidate.headRef === `pitwall/${issueNumber}/build-plan` && candidate.issue.state === "open");
    expect(pull).toHaveLength(1);
    expect(gh.readFile(repo, `pitwall/${issueNumber}/build-plan`, `${folder()}/build-plan.md`)).toContain("write the file in pages of 500 rows");
    expect(gh.readFile(repo, "main", `${folder()}/design.md`)).toContain("pages of 500 rows");
  });

  it("finishes with a final summary that prints the saving, and the ledger agrees to the cent", async () => {
    await driveToDone(life.tunnel, issueNumber, "carol");
    expect(issueByNumber(life.tunnel.github, repo, issueNumber).state).toBe("closed");
    const rows = await ledger();
    const saved = rows.reduce((sum, row) => sum + Number(row.saving_usd), 0);
    expect(saved).toBeGreaterThan(0);
    const summary = commentsOn(life.tunnel.github, repo, issueNumber).find((comment) => comment.body.startsWith("<!-- pitwall:cost:work-item -->"));
    expect(summary?.body).toContain(`**Saved by the artifact cache:** ${formatUsd(usdToNano(saved.toFixed(9)))} (3 reused outputs instead of model calls)`);
    expect(statusCard(life.tunnel, issueNumber)).toContain(`saved ${formatUsd(usdToNano(saved.toFixed(9)))} by the artifact cache`);
  });

  it("runs the design again when a file its agent read changes, and still reuses what does not depend on it", async () => {
    const gh = life.tunnel.github;
    const start = life.tunnel.anthropic.requests.length;
    gh.pushFiles(repo, { branch: "main", by: "carol", files: { "README.md": "# Rocket\n\nRockets, now with exports.\n" } });
    await say(life.tunnel, issueNumber, "/rerun", "alice");
    expect(await workItemOf(life.tunnel, issueNumber)).toMatchObject({ state: "awaiting_gate", current_pass: "design" });
    expect(life.tunnel.anthropic.requests.slice(start).map(passOf)).toEqual(["design.md", "design.md"]);
    const audit = await life.tunnel.pitwall.sql.query<{ action: string; detail: string }>("select action, detail from audit_log where action = 'pass design runs again'");
    expect(audit).toEqual([{ action: "pass design runs again", detail: "files its agent read changed: README.md" }]);
    await driveToDone(life.tunnel, issueNumber, "carol");
    const runs = await life.tunnel.pitwall.sql.query<{ pass_id: string; state: string }>("select pass_id, state from pass_runs where position('@' in pass_id) = 0 order by id");
    expect(runs).toEqual([
      { pass_id: "spec", state: "reused" },
      { pass_id: "design", state: "merged" },
      { pass_id: "test-plan", state: "reused" },
      { pass_id: "build-plan", state: "merged" },
    ]);
    // The build plan ran again too: the design it was built on changed back.
    expect(life.tunnel.github.readFile(repo, "main", `${folder()}/build-plan.md`)).toContain("stream rows to the file");
  });

  it("refuses /rerun from a reader and on a work item that is not finished", async () => {
    await say(life.tunnel, issueNumber, "/rerun", "bob");
    expect(commentsOn(life.tunnel.github, repo, issueNumber).at(-1)?.body).toContain("@bob your `/rerun` was not counted: it needs write permission");
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
    expect(life.tunnel.github.violations).toEqual([]);
  });
});
