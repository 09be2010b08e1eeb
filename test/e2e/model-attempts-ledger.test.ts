// Issue 16 (point 3): with the model clients as production builds them, every HTTP attempt the
// vendor bills has its own ledger row — no SDK retry hides a second billed attempt inside one
// row — and a single passing vendor fault still does not fail the pass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedAgentReply, startWindTunnel, type WindTunnel } from "../../windtunnel/index.ts";
import { commentsOn } from "../support/world-queries.ts";

const repo = "acme/rocket";

let tunnel: WindTunnel;
beforeAll(async () => {
  tunnel = await startWindTunnel({ modelClient: "production" });
  const gh = tunnel.github;
  gh.createUser({ login: "alice" });
  gh.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n" } });
  gh.installApp({ installationId: tunnel.installationId, account: "acme", repos: [repo] });
  gh.setPermission(repo, "alice", "write");
  await tunnel.settle();
}, 60_000);
afterAll(async () => {
  await tunnel?.close();
});

async function start(title: string): Promise<number> {
  const issue = tunnel.github.createIssue(repo, { title, body: "Search by name.", author: "alice" });
  tunnel.github.addLabel(repo, issue.number, "pitwall:feature", { by: "alice" });
  await tunnel.settle();
  return issue.number;
}

async function stateOf(issueNumber: number): Promise<{ state: string; current_pass: string | null }> {
  const [row] = await tunnel.pitwall.sql.query<{ state: string; current_pass: string | null }>("select state, current_pass from work_items where issue_number = $1", [issueNumber]);
  return row!;
}

async function ledgerRows(issueNumber: number): Promise<{ answered: boolean; call_id: string | null }[]> {
  return tunnel.pitwall.sql.query("select answered, call_id from ledger where not cache_hit and work_item_id = (select id from work_items where issue_number = $1) order by id", [issueNumber]);
}

describe("model calls with the production client settings", () => {
  it("give every billed attempt its own ledger row when an answer is lost", async () => {
    const billedBefore = tunnel.anthropic.bill.length;
    tunnel.anthropic.enqueue({ text: "never read", lostResponse: true });
    const issueNumber = await start("Lost answer with production retries");
    expect(await stateOf(issueNumber)).toEqual({ state: "awaiting_gate", current_pass: "spec" });
    const bill = tunnel.anthropic.bill.slice(billedBefore);
    expect(bill.filter((call) => call.lost)).toHaveLength(1);
    const rows = await ledgerRows(issueNumber);
    expect(rows).toHaveLength(bill.length);
    expect(new Set(rows.map((row) => row.call_id)).size).toBe(rows.length);
    expect(rows.filter((row) => !row.answered)).toHaveLength(1);
  });

  it.each([529, 500])("still reach the gate after a single %i from the vendor", async (status) => {
    const billedBefore = tunnel.anthropic.bill.length;
    tunnel.anthropic.enqueue({ status, error: "Overloaded" });
    const issueNumber = await start(`A single ${status}`);
    expect(await stateOf(issueNumber)).toEqual({ state: "awaiting_gate", current_pass: "spec" });
    // The refused attempt is not billed and leaves no row; every billed call has one.
    expect(await ledgerRows(issueNumber)).toHaveLength(tunnel.anthropic.bill.length - billedBefore);
    expect(commentsOn(tunnel.github, repo, issueNumber).some((comment) => comment.body.includes("failed"))).toBe(false);
  });

  it("still give a verifier its verdict after a single 529 on its call", async () => {
    let refused = 0;
    tunnel.anthropic.setResponder((request) => {
      if (refused === 0 && JSON.stringify(request.body).includes("submit_verdict")) {
        refused += 1;
        return { status: 529, error: "Overloaded" };
      }
      return scriptedAgentReply(request);
    });
    const issueNumber = await start("A verifier meets a 529");
    tunnel.anthropic.setResponder(scriptedAgentReply);
    expect(refused).toBe(1);
    expect(await stateOf(issueNumber)).toEqual({ state: "awaiting_gate", current_pass: "spec" });
    const runs = await tunnel.pitwall.sql.query<{ verdict: string | null; summary: string | null }>(
      "select verdict, summary from verifier_runs where pass_run_id in (select id from pass_runs where work_item_id = (select id from work_items where issue_number = $1))",
      [issueNumber],
    );
    // The model verifier gave its verdict (the deterministic ones give none); none says "No verdict".
    expect(runs.filter((run) => run.verdict !== null).map((run) => run.verdict)).toEqual(["pass"]);
    expect(runs.filter((run) => run.summary?.startsWith("No verdict"))).toEqual([]);
  });
});
