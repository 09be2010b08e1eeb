import { describe, expect, it } from "vitest";
import {
  costDimensions,
  costReport,
  costReportJson,
  csvField,
  handleCostRequest,
  parsePeriod,
  renderReport,
  type CostDimension,
  type CostLedgerRow,
  type CostQuery,
} from "../../src/domain/cost-report.ts";
import { nanoToUsd, usdToNano } from "../../src/domain/money.ts";

const t0 = new Date("2026-11-21T10:00:00Z");
let nextId = 1;

/** A ledger row with its amounts written in dollars, as the ledger stores them. */
type InDollars = Partial<Omit<CostLedgerRow, "usd" | "savingUsd">> & { usd?: string; savingUsd?: string };

function row({ usd = "0", savingUsd = "0", ...overrides }: InDollars = {}): CostLedgerRow {
  const id = nextId++;
  return {
    ledgerId: id,
    createdAt: new Date(t0.getTime() + id * 1000),
    installationId: 1,
    repo: { owner: "octo", name: "shop" },
    workItemId: 10,
    issueNumber: 7,
    workflow: "feature",
    passRunId: 100,
    passId: "implement",
    iteration: 1,
    agent: "implementer",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    tier: "mid",
    inputTokens: 0,
    cacheWriteTokens: 0,
    cacheReadTokens: 0,
    outputTokens: 0,
    usd: usdToNano(usd),
    priced: true,
    cacheHit: false,
    savingUsd: usdToNano(savingUsd),
    ...overrides,
  };
}

describe("costReport", () => {
  it("sums dollars exactly, to the nano-dollar", () => {
    const report = costReport([row({ usd: "0.023700000" }), row({ usd: "0.0043" }), row({ usd: "0.000000001" })], "workflow");
    // As floats, 0.0237 + 0.0043 + 0.000000001 is 0.028000000999999998.
    expect(nanoToUsd(report.total.usd)).toBe("0.028000001");
    expect(report.groups).toEqual([expect.objectContaining({ key: "feature", calls: 3, usd: usdToNano("0.028000001") })]);
  });

  it("adds tokens, counts cache hits apart from calls and sums savings", () => {
    const report = costReport(
      [
        row({ inputTokens: 1000, cacheWriteTokens: 200, cacheReadTokens: 3000, outputTokens: 50, usd: "0.5" }),
        row({ inputTokens: 10, cacheWriteTokens: 0, cacheReadTokens: 5, outputTokens: 7, usd: "0.25" }),
        row({ cacheHit: true, usd: "0", savingUsd: "1.200000001" }),
        row({ cacheHit: true, usd: "0", savingUsd: "0.3" }),
        row({ priced: false, usd: "0", inputTokens: 1 }),
      ],
      "workflow",
    );
    expect(report.total).toEqual({
      calls: 3,
      inputTokens: 1011,
      cacheWriteTokens: 200,
      cacheReadTokens: 3005,
      outputTokens: 57,
      usd: usdToNano("0.750000000"),
      cacheHits: 2,
      savingUsd: usdToNano("1.500000001"),
      unpricedCalls: 1,
    });
  });

  const mixed = [
    row({ installationId: 1, repo: { owner: "octo", name: "shop" }, issueNumber: 7, workflow: "feature", passId: "design", agent: "architect", provider: "anthropic", model: "opus", tier: "frontier", usd: "1" }),
    row({ installationId: 1, repo: { owner: "octo", name: "shop" }, issueNumber: 7, workflow: "feature", passId: "implement", agent: "implementer", provider: "openai", model: "gpt-5", tier: "mid", usd: "0.2" }),
    row({ installationId: 1, repo: { owner: "octo", name: "shop" }, issueNumber: 8, workflow: "bug", passId: "implement", agent: "implementer", provider: "openai", model: "gpt-5", tier: "mid", usd: "0.03" }),
    row({ installationId: 2, repo: { owner: "acme", name: "api" }, issueNumber: 7, workflow: "bug", passId: null, agent: "analyst", provider: "anthropic", model: "haiku", tier: "cheap", usd: "0.004" }),
  ];
  const expected: Record<CostDimension, [string, string][]> = {
    work_item: [
      ["octo/shop#7", "1.200000000"],
      ["octo/shop#8", "0.030000000"],
      ["acme/api#7", "0.004000000"],
    ],
    workflow: [
      ["feature", "1.200000000"],
      ["bug", "0.034000000"],
    ],
    agent: [
      ["architect", "1.000000000"],
      ["implementer", "0.230000000"],
      ["analyst", "0.004000000"],
    ],
    model: [
      ["anthropic/opus", "1.000000000"],
      ["openai/gpt-5", "0.230000000"],
      ["anthropic/haiku", "0.004000000"],
    ],
    tier: [
      ["frontier", "1.000000000"],
      ["mid", "0.230000000"],
      ["cheap", "0.004000000"],
    ],
    pass: [
      ["octo/shop#7 design", "1.000000000"],
      ["octo/shop#7 implement", "0.200000000"],
      ["octo/shop#8 implement", "0.030000000"],
      ["acme/api#7 (no pass)", "0.004000000"],
    ],
    repo: [
      ["octo/shop", "1.230000000"],
      ["acme/api", "0.004000000"],
    ],
    installation: [
      ["1", "1.230000000"],
      ["2", "0.004000000"],
    ],
  };

  it("covers every dimension in these tests", () => {
    expect(Object.keys(expected).sort()).toEqual([...costDimensions].sort());
  });

  it.each(costDimensions)("groups by %s, most expensive first, with the same grand total", (by) => {
    const report = costReport(mixed, by);
    expect(report.groups.map((group) => [group.key, nanoToUsd(group.usd)])).toEqual(expected[by]);
    expect(nanoToUsd(report.total.usd)).toBe("1.234000000");
    expect(report.total.calls).toBe(4);
  });

  it("orders groups of equal cost by key", () => {
    const report = costReport([row({ agent: "b", usd: "0.1" }), row({ agent: "a", usd: "0.1" }), row({ agent: "c", usd: "0.2" })], "agent");
    expect(report.groups.map((group) => group.key)).toEqual(["c", "a", "b"]);
  });
});

describe("renderReport", () => {
  const period = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };
  const report = costReport(
    [
      row({ workflow: "feature", inputTokens: 12000, cacheWriteTokens: 1500, cacheReadTokens: 40000, outputTokens: 2100, usd: "0.0237" }),
      row({ workflow: "feature", inputTokens: 800, outputTokens: 90, usd: "0.0043" }),
      row({ workflow: "bug", cacheHit: true, savingUsd: "0.5" }),
      row({ workflow: "docs", usd: "0.000000001", inputTokens: 3, outputTokens: 1 }),
    ],
    "workflow",
    period,
  );

  it("prints a fixed-width table with a total row", () => {
    expect(renderReport(report, "table")).toBe(
      [
        "Cost by workflow, 2026-11-01 to 2026-11-30 (UTC)",
        "",
        "workflow  calls   input  cache write  cache read  output     cost  cache hits  saved  unpriced",
        "--------  -----  ------  -----------  ----------  ------  -------  ----------  -----  --------",
        "feature       2  12,800        1,500      40,000   2,190    $0.03           0  $0.00         0",
        "docs          1       3            0           0       1  $0.0000           0  $0.00         0",
        "bug           0       0            0           0       0    $0.00           1  $0.50         0",
        "--------  -----  ------  -----------  ----------  ------  -------  ----------  -----  --------",
        "(total)       3  12,803        1,500      40,000   2,191    $0.03           1  $0.50         0",
        "",
      ].join("\n"),
    );
  });

  it("says when a period had no calls, and when calls were unpriced", () => {
    expect(renderReport(costReport([], "agent", period), "table")).toContain("(no model calls in this period)");
    const unpriced = renderReport(costReport([row({ priced: false })], "agent"), "table");
    expect(unpriced).toContain("1 call(s) used a model with no price in the table");
    expect(unpriced.split("\n")[0]).toBe("Cost by agent");
  });

  it("shows exact times for a period that does not fall on whole days", () => {
    const last30 = parsePeriod("last-30-days", t0);
    expect(renderReport(costReport([], "tier", last30), "table").split("\n")[0]).toBe("Cost by tier, 2026-10-22 10:00 to 2026-11-21 10:00 (UTC)");
  });

  it("writes RFC 4180 CSV with exact dollars", () => {
    expect(renderReport(report, "csv")).toBe(
      [
        "workflow,calls,input_tokens,cache_write_tokens,cache_read_tokens,output_tokens,usd,cache_hits,saving_usd,unpriced_calls",
        "feature,2,12800,1500,40000,2190,0.028000000,0,0.000000000,0",
        "docs,1,3,0,0,1,0.000000001,0,0.000000000,0",
        "bug,0,0,0,0,0,0.000000000,1,0.500000000,0",
        "(total),3,12803,1500,40000,2191,0.028000001,1,0.500000000,0",
        "",
      ].join("\r\n"),
    );
  });

  it("quotes CSV fields with commas, quotes and line breaks", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    const csv = renderReport(costReport([row({ workflow: 'odd, "name"\nhere', usd: "1" })], "workflow"), "csv");
    expect(csv.split("\r\n")[1]).toBe('"odd, ""name""\nhere",1,0,0,0,0,1.000000000,0,0.000000000,0');
  });

  it("writes JSON with dollars as decimal strings", () => {
    const json: unknown = JSON.parse(renderReport(report, "json"));
    expect(json).toEqual({
      by: "workflow",
      period: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
      groups: [
        { key: "feature", calls: 2, inputTokens: 12800, cacheWriteTokens: 1500, cacheReadTokens: 40000, outputTokens: 2190, usd: "0.028000000", cacheHits: 0, savingUsd: "0.000000000", unpricedCalls: 0 },
        { key: "docs", calls: 1, inputTokens: 3, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1, usd: "0.000000001", cacheHits: 0, savingUsd: "0.000000000", unpricedCalls: 0 },
        { key: "bug", calls: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0, usd: "0.000000000", cacheHits: 1, savingUsd: "0.500000000", unpricedCalls: 0 },
      ],
      total: { calls: 3, inputTokens: 12803, cacheWriteTokens: 1500, cacheReadTokens: 40000, outputTokens: 2191, usd: "0.028000001", cacheHits: 1, savingUsd: "0.500000000", unpricedCalls: 0 },
    });
  });

  it("gives the same JSON from costReportJson, with no period when none is given", () => {
    expect(costReportJson([row({ usd: "0.1" })], "tier")).toMatchObject({
      by: "tier",
      period: null,
      groups: [{ key: "mid", usd: "0.100000000" }],
      total: { calls: 1, usd: "0.100000000" },
    });
  });
});

describe("parsePeriod", () => {
  it.each([
    ["2026-11", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ["2026-12", "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
    ["2028-02", "2028-02-01T00:00:00.000Z", "2028-03-01T00:00:00.000Z"],
    ["2026-11-01..2026-11-21", "2026-11-01T00:00:00.000Z", "2026-11-22T00:00:00.000Z"],
    ["2026-11-05..2026-11-05", "2026-11-05T00:00:00.000Z", "2026-11-06T00:00:00.000Z"],
    ["2028-02-28..2028-02-29", "2028-02-28T00:00:00.000Z", "2028-03-01T00:00:00.000Z"],
    ["last-30-days", "2026-10-22T10:00:00.000Z", "2026-11-21T10:00:00.000Z"],
    ["last-1-day", "2026-11-20T10:00:00.000Z", "2026-11-21T10:00:00.000Z"],
    [" 2026-11 ", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
  ])("reads %j", (text, from, to) => {
    const period = parsePeriod(text, t0);
    expect([period.from.toISOString(), period.to.toISOString()]).toEqual([from, to]);
  });

  it.each([
    ["2026-13", /no month 13/],
    ["2026-00", /no month 00/],
    ["2026-02-30..2026-03-01", /the start "2026-02-30" is not a date/],
    ["2026-11-01..2026-11-31", /the end "2026-11-31" is not a date/],
    ["2026-11-21..2026-11-01", /ends before it starts/],
    ["2026-11-01..", /not understood|not a date/],
    ["last-0-days", /from 1 to 3660/],
    ["last-week", /not understood/],
    ["November", /not understood.*2026-11/],
    ["", /not understood/],
  ])("rejects %j with a clear message", (text, message) => {
    expect(() => parsePeriod(text, t0)).toThrow(message);
  });
});

describe("handleCostRequest", () => {
  const rows = [row({ workflow: "feature", usd: "0.0237" }), row({ workflow: "bug", usd: "0.0043" })];

  it("answers with the report for the period it read rows for", async () => {
    const asked: CostQuery[] = [];
    const response = await handleCostRequest(
      new URLSearchParams("by=workflow&period=2026-11&repo=octo/shop"),
      (query) => {
        asked.push(query);
        return Promise.resolve(rows);
      },
      t0,
    );
    expect(asked).toEqual([{ from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z"), repo: { owner: "octo", name: "shop" } }]);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      by: "workflow",
      period: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
      groups: [{ key: "feature", usd: "0.023700000" }, { key: "bug", usd: "0.004300000" }],
      total: { calls: 2, usd: "0.028000000" },
    });
  });

  it("defaults to workflows over the last 30 days", async () => {
    const asked: CostQuery[] = [];
    const response = await handleCostRequest(new URLSearchParams(), (query) => (asked.push(query), Promise.resolve([])), t0);
    expect(response.status).toBe(200);
    expect(asked).toEqual([{ from: new Date("2026-10-22T10:00:00Z"), to: t0 }]);
    expect(response.body).toMatchObject({ by: "workflow", groups: [] });
  });

  it.each([
    ["by=colour", /by must be one of work_item, workflow/],
    ["by=agent&period=2026-13", /no month 13/],
    ["period=yesterday", /not understood/],
    ["repo=not-a-repo", /owner\/name/],
  ])("answers 400 with a message for %j and reads nothing", async (query, message) => {
    let read = false;
    const response = await handleCostRequest(new URLSearchParams(query), () => ((read = true), Promise.resolve(rows)), t0);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: expect.stringMatching(message) as unknown });
    expect(read).toBe(false);
  });
});
