import { afterEach, describe, expect, it } from "vitest";
import { nanoToUsd, sumNano, usdToNano } from "../../src/domain/money.ts";
import { reserveWithinBudgets, type ApplicableBudget } from "../../src/orchestrator/budget-gate.ts";
import { reserveNextCall } from "../../src/orchestrator/spend-guard.ts";
import { settleReservation } from "../../src/store/budget-ledger.ts";
import { createStore } from "../../src/store/create-store.ts";
import { appendLedger } from "../../src/store/ledger.ts";
import { queuePassRun } from "../../src/store/pass-runs.ts";
import type { Sql } from "../../src/store/sql.ts";
import { createWorkItem } from "../../src/store/work-items.ts";
import { storeBackends } from "../support/fresh-database.ts";

const sumUsd = (amounts: string[]) => nanoToUsd(sumNano(amounts.map(usdToNano)));

// 50 passes dispatched at once against a $10 repo budget: each reserves an estimate before it
// runs, reserves each model call's cap before making it, and settles. Together they never settle
// above the budget, whether they cost what they were estimated at or far more.

const budget: ApplicableBudget = {
  state: { scope: "repo", name: "acme/rocket", limitUsd: usdToNano("10"), owners: ["olivia"], thresholds: { approaching: 0.8, over: 1.2 } },
  scope: { scope: "repo", owner: "acme", repo: "rocket" },
  period: "monthly",
};

const now = new Date("2026-11-21T12:00:00Z");

/** 50 work items in the repo, each with its pass queued. */
function fiftyPassRuns(db: Sql, passId: string): Promise<{ workItemId: number; passRunId: number }[]> {
  return Promise.all(
    Array.from({ length: 50 }, async (_, index) => {
      const { workItem } = await createWorkItem(db, { installationId: 1, repo: { owner: "acme", name: "rocket" }, issueNumber: index + 1, issueTitle: `Item ${index + 1}`, workflow: "feature", initiator: "alice", now });
      const run = await queuePassRun(db, { workItemId: workItem.id, passId, iteration: 1, agent: "agent", trigger: "first" });
      return { workItemId: workItem.id, passRunId: run.id };
    }),
  );
}

describe.each(storeBackends)("budget reservations on $name", ({ open }) => {
  let sql: Sql | undefined;
  afterEach(async () => {
    await sql?.close();
  });

  it("lets 50 concurrent passes spend at most the budget", async () => {
    sql = await open();
    const db = sql;
    const runs = await fiftyPassRuns(db, "spec");
    const decisions = await Promise.all(
      runs.map(async (hold) => {
        const { decision, reservationId } = await reserveWithinBudgets(createStore(db), { budgets: [budget], estimateUsd: usdToNano("0.4"), lowPriority: false, approved: false, forecastUsd: null, hold, now });
        if (decision.kind !== "dispatch") return decision.kind;
        // The pass runs and spends what it reserved, in two calls, then settles.
        for (const usd of ["0.25", "0.15"]) await recordCall(db, hold, reservationId, usd);
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

  it("holds 50 concurrent passes that cost more than their estimate to the budget, call by call", async () => {
    sql = await open();
    const db = sql;
    const runs = await fiftyPassRuns(db, "implement");
    // Each pass is estimated at $0.10 (all 50 fit) but wants 6 calls of $0.25, each capped at
    // $0.30 beforehand: $75 if nothing held them back.
    const outcomes = await Promise.all(
      runs.map(async (hold) => {
        const { decision, reservationId } = await reserveWithinBudgets(createStore(db), { budgets: [budget], estimateUsd: usdToNano("0.1"), lowPriority: false, approved: false, forecastUsd: null, hold, now });
        if (decision.kind !== "dispatch" || reservationId === undefined) return { calls: 0, stopped: `not dispatched: ${decision.kind}` };
        let calls = 0;
        let stopped: string | undefined;
        for (let call = 0; call < 6; call += 1) {
          const next = await reserveNextCall(createStore(db), { budgets: [budget], reservationId, callCapUsd: usdToNano("0.3"), approved: false, now });
          if (next.kind === "stop") {
            stopped = next.reason;
            break;
          }
          await recordCall(db, hold, reservationId, "0.25");
          calls += 1;
        }
        await settleReservation(db, hold.passRunId, now);
        return { calls, stopped };
      }),
    );
    const spent = sumUsd((await db.query<{ usd: string }>("select usd::text as usd from ledger")).map((row) => row.usd));
    expect(Number(spent)).toBeLessThanOrEqual(10);
    expect(spent).toBe(nanoToUsd(250_000_000n * BigInt(outcomes.reduce((total, outcome) => total + outcome.calls, 0))));
    // The budget was used, not left idle: what is left is less than what the reservations of
    // the passes running at the end could have held back ($0.05 each over their calls).
    expect(Number(spent)).toBeGreaterThan(7.5);
    const stopped = outcomes.filter((outcome) => outcome.stopped !== undefined);
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped[0]?.stopped).toMatch(/^the next model call could cost up to \$0\.30 and the repo budget of acme\/rocket \(\$10\.00\) has \$0\.\d\d left for it$/);
    expect(await db.query("select 1 from budget_reservations where state = 'held'")).toEqual([]);
    // Settled reservations hold exactly what their passes spent.
    const [settled] = await db.query<{ actual: string }>("select sum(actual_usd)::text as actual from budget_reservations");
    expect(nanoToUsd(usdToNano(settled?.actual ?? "0"))).toBe(spent);
  });
});

async function recordCall(db: Sql, hold: { workItemId: number; passRunId: number }, reservationId: number | undefined, usd: string): Promise<void> {
  await appendLedger(db, { workItemId: hold.workItemId, passRunId: hold.passRunId, iteration: 1, agent: "implementer", provider: "anthropic", model: "m", tier: "mid", tierReason: "r", inputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1, usd: usdToNano(usd), priced: true, priceTableDate: "2026-11-01", latencyMs: 1, cacheHit: false, savingUsd: 0n, createdAt: now, reservationId });
}
