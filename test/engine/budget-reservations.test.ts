import { afterEach, describe, expect, it } from "vitest";
import { sumUsd } from "../../src/cost/money.ts";
import { reserveWithinBudgets, type ApplicableBudget } from "../../src/engine/orchestrator/budget-gate.ts";
import { settleReservation } from "../../src/store/budget-ledger.ts";
import { appendLedger } from "../../src/store/ledger.ts";
import { queuePassRun } from "../../src/store/pass-runs.ts";
import type { Sql } from "../../src/store/sql.ts";
import { createWorkItem } from "../../src/store/work-items.ts";
import { storeBackends } from "../support/fresh-database.ts";

// 50 passes dispatched at once against a $10 repo budget: each reserves $0.40 before it runs,
// spends up to its reservation, and settles. Together they never settle above the budget.

const budget: ApplicableBudget = {
  state: { scope: "repo", name: "acme/rocket", limitUsd: "10", owners: ["olivia"], thresholds: { approaching: 0.8, over: 1.2 } },
  scope: { scope: "repo", owner: "acme", repo: "rocket" },
  period: "monthly",
};

describe.each(storeBackends)("budget reservations on $name", ({ open }) => {
  let sql: Sql | undefined;
  afterEach(async () => {
    await sql?.close();
  });

  it("lets 50 concurrent passes spend at most the budget", async () => {
    sql = await open();
    const db = sql;
    const now = new Date("2026-11-21T12:00:00Z");
    const runs = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const { workItem } = await createWorkItem(db, { installationId: 1, repo: { owner: "acme", name: "rocket" }, issueNumber: index + 1, issueTitle: `Item ${index + 1}`, workflow: "feature", initiator: "alice", now });
        const run = await queuePassRun(db, { workItemId: workItem.id, passId: "spec", iteration: 1, agent: "specifier", trigger: "first" });
        return { workItemId: workItem.id, passRunId: run.id };
      }),
    );
    const decisions = await Promise.all(
      runs.map(async (hold) => {
        const { decision } = await reserveWithinBudgets(db, { budgets: [budget], estimateUsd: "0.4", lowPriority: false, approved: false, forecastUsd: null, hold, now });
        if (decision.kind !== "dispatch") return decision.kind;
        // The pass runs and spends what it reserved, in two calls, then settles.
        for (const usd of ["0.25", "0.15"]) {
          await appendLedger(db, { workItemId: hold.workItemId, passRunId: hold.passRunId, iteration: 1, agent: "specifier", provider: "anthropic", model: "m", tier: "mid", tierReason: "r", inputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1, usd, priced: true, priceTableDate: "2026-11-01", latencyMs: 1, cacheHit: false, savingUsd: "0", createdAt: now });
        }
        await settleReservation(db, hold.passRunId, now);
        return decision.kind;
      }),
    );
    // $10 / $0.40 = 25 passes fit; the rest must ask for `/approve budget`.
    expect(decisions.filter((kind) => kind === "dispatch")).toHaveLength(25);
    expect(decisions.filter((kind) => kind === "needs_approval")).toHaveLength(25);
    const spent = await db.query<{ usd: string }>("select usd::text as usd from ledger");
    expect(sumUsd(spent.map((row) => row.usd))).toBe("10.000000000");
    const held = await db.query("select 1 from budget_reservations where state = 'held'");
    expect(held).toEqual([]);
  });
});
