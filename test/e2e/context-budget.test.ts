import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelNewIssue, type Lifecycle, startLifecycle } from "../../windtunnel/index.ts";

// Issue 12 point 3: every text a model sees is bounded. A very long issue body reaches the
// specifier, its gate's verifier and the analyst cut to the agent's context budget, with a note
// the agent reads, and the audit trail names the cut.

// 120,000 bytes is the agents' default `context_budget_bytes`. The body stays under GitHub's
// 65,536-character limit but, at three bytes a character, takes about 195 KB.
const head = "HEAD-OF-THE-LONG-ISSUE";
const tail = "TAIL-OF-THE-LONG-ISSUE";
const longBody = `${head}\n${"€".repeat(65_000)}\n${tail}`;
const bodyBytes = Buffer.byteLength(longBody);

describe("a very long issue body", () => {
  let life: Lifecycle;
  let featureIssue: number;
  let classifyIssue: number;
  const requestsWith = (tool: string) =>
    life.tunnel.anthropic.requests.map((request) => JSON.stringify(request.body)).filter((body) => body.includes(`"name":"${tool}"`) && body.includes(head));
  const cuts = async (issueNumber: number) =>
    life.tunnel.pitwall.sql.query<{ action: string; detail: string }>(
      "select a.action, a.detail from audit_log a join work_items w on w.id = a.work_item_id where w.issue_number = $1 and a.action like 'context left out for size%' order by a.id",
      [issueNumber],
    );

  beforeAll(async () => {
    life = await startLifecycle();
    featureIssue = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: longBody });
    classifyIssue = await labelNewIssue(life.tunnel, "pitwall", { title: "Something about themes", body: longBody });
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("reaches the specifier, the spec gate's verifier and the analyst cut to the budget, with a note", () => {
    for (const tool of ["submit_artifacts", "submit_verdict", "propose_workflow"]) {
      const bodies = requestsWith(tool);
      expect(bodies.length, `requests with ${tool}`).toBeGreaterThan(0);
      for (const body of bodies) {
        // Booleans, so a failure does not print 200 KB of request.
        expect(body.includes(tail), `${tool}: the end of the issue reached the model`).toBe(false);
        expect(/… \([\d,]+ bytes left out\)/.test(body), `${tool}: no note says what was cut`).toBe(true);
        // The issue's share stays within the budget (the rest of the prompt is small).
        expect(Buffer.byteLength(body)).toBeLessThan(120_000 + 40_000);
      }
    }
  });

  it("names the cut on the audit trail for every agent that read it", async () => {
    const size = bodyBytes.toLocaleString("en-US");
    const feature = await cuts(featureIssue);
    expect(feature.map((row) => row.action)).toEqual(expect.arrayContaining(["context left out for size (specifier)", "context left out for size (product-manager)"]));
    for (const row of feature) expect(row.detail).toMatch(new RegExp(`issue #${featureIssue} body \\([\\d,]+ of ${size} bytes\\)`));
    const classify = await cuts(classifyIssue);
    expect(classify.map((row) => row.action)).toEqual(["context left out for size (analyst)"]);
    expect(classify[0]?.detail).toMatch(new RegExp(`issue #${classifyIssue} body \\([\\d,]+ of ${size} bytes\\)`));
  });
});
