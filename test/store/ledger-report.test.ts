import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendLedger, createWorkItem, queuePassRun, type Sql } from "../../src/store/index.ts";
import type { LedgerEntry } from "../../src/domain/types.ts";
import { ledgerRows } from "../../src/store/ledger-report.ts";
import { usdToNano } from "../../src/domain/money.ts";
import { storeBackends } from "../support/fresh-database.ts";

const from = new Date("2026-11-01T00:00:00Z");
const to = new Date("2026-12-01T00:00:00Z");

/** Overrides with their amounts written in dollars, as the ledger stores them. */
type InDollars = Partial<Omit<LedgerEntry, "usd" | "savingUsd">> & { usd?: string; savingUsd?: string };

function entry(workItemId: number, passRunId: number | null, createdAt: Date, { usd = "0.0237", savingUsd = "0", ...overrides }: InDollars = {}): LedgerEntry {
  return {
    workItemId,
    passRunId,
    iteration: 1,
    agent: "implementer",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    tier: "mid",
    tierReason: "agent default",
    inputTokens: 100,
    cacheWriteTokens: 20,
    cacheReadTokens: 300,
    outputTokens: 40,
    usd: usdToNano(usd),
    priced: true,
    priceTableDate: "2026-10-01",
    latencyMs: 1200,
    cacheHit: false,
    savingUsd: usdToNano(savingUsd),
    createdAt,
    ...overrides,
  };
}

describe.each(storeBackends)("ledgerRows on $name", ({ open }) => {
  let sql: Sql;
  let shop7: number;
  let api3: number;
  let implementRun: number;

  beforeAll(async () => {
    sql = await open();
    const now = new Date("2026-10-30T00:00:00Z");
    shop7 = (await createWorkItem(sql, { installationId: 11, repo: { owner: "Octo", name: "Shop" }, issueNumber: 7, issueTitle: "t", workflow: "feature", initiator: "a", now })).workItem.id;
    api3 = (await createWorkItem(sql, { installationId: 22, repo: { owner: "acme", name: "api" }, issueNumber: 3, issueTitle: "t", workflow: "bug", initiator: "a", now })).workItem.id;
    implementRun = (await queuePassRun(sql, { workItemId: shop7, passId: "implement", iteration: 2, agent: "implementer", trigger: "first" })).id;
    // Inserted out of time order: the report orders by time, not by insertion.
    await appendLedger(sql, entry(shop7, implementRun, new Date("2026-11-20T12:00:00Z"), { iteration: 2, usd: "0.000000001", agent: "reviewer", tier: "frontier" }));
    await appendLedger(sql, entry(api3, null, new Date("2026-11-01T00:00:00Z"), { usd: "0.0043", provider: "openai", model: "gpt-5", cacheHit: true, savingUsd: "0.5" }));
    await appendLedger(sql, entry(shop7, implementRun, new Date("2026-11-05T08:30:00Z"), { iteration: 2 }));
    // Outside the period: just before it, and exactly at its exclusive end.
    await appendLedger(sql, entry(shop7, implementRun, new Date("2026-10-31T23:59:59.999Z")));
    await appendLedger(sql, entry(api3, null, to));
  });
  afterAll(async () => {
    await sql.close();
  });

  it("returns the period's rows with their work item and pass, oldest first", async () => {
    const rows = await ledgerRows(sql, { from, to });
    expect(rows.map((row) => row.createdAt.toISOString())).toEqual(["2026-11-01T00:00:00.000Z", "2026-11-05T08:30:00.000Z", "2026-11-20T12:00:00.000Z"]);
    expect(rows[1]).toEqual({
      ledgerId: expect.any(Number) as unknown,
      createdAt: new Date("2026-11-05T08:30:00Z"),
      installationId: 11,
      repo: { owner: "Octo", name: "Shop" },
      workItemId: shop7,
      issueNumber: 7,
      workflow: "feature",
      passRunId: implementRun,
      passId: "implement",
      iteration: 2,
      agent: "implementer",
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      tier: "mid",
      inputTokens: 100,
      cacheWriteTokens: 20,
      cacheReadTokens: 300,
      outputTokens: 40,
      usd: usdToNano("0.023700000"),
      priced: true,
      cacheHit: false,
      savingUsd: usdToNano("0.000000000"),
    });
    expect(rows[0]).toEqual(expect.objectContaining({ workItemId: api3, installationId: 22, workflow: "bug", passRunId: null, passId: null, cacheHit: true, savingUsd: usdToNano("0.500000000"), usd: usdToNano("0.004300000") }));
    expect(rows[2]).toEqual(expect.objectContaining({ usd: usdToNano("0.000000001"), agent: "reviewer" }));
  });

  it("filters by installation", async () => {
    const rows = await ledgerRows(sql, { from, to, installationId: 22 });
    expect(rows.map((row) => row.workItemId)).toEqual([api3]);
    expect(await ledgerRows(sql, { from, to, installationId: 99 })).toEqual([]);
  });

  it("filters by repo, whatever the case", async () => {
    const rows = await ledgerRows(sql, { from, to, repo: { owner: "octo", name: "SHOP" } });
    expect(rows.map((row) => row.usd)).toEqual([usdToNano("0.023700000"), usdToNano("0.000000001")]);
    expect(await ledgerRows(sql, { from, to, repo: { owner: "octo", name: "api" } })).toEqual([]);
  });

  it("combines the installation and repo filters", async () => {
    expect(await ledgerRows(sql, { from, to, installationId: 22, repo: { owner: "Octo", name: "Shop" } })).toEqual([]);
    expect((await ledgerRows(sql, { from, to, installationId: 11, repo: { owner: "Octo", name: "Shop" } })).length).toBe(2);
  });
});
