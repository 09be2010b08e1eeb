import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelNewIssue, repo, startLifecycle, statusCard, workItemOf, type Lifecycle } from "../../windtunnel/index.ts";
import { earlierWork } from "../support/earlier-work.ts";
import { withPitwallConfig } from "../support/with-pitwall-config.ts";
import { commentsOn } from "../support/world-queries.ts";

// The budget keys of .github/pitwall.yml that test/e2e/budgets.test.ts does not set (it covers
// `repo`, `limit_usd`, `owners`, `low_priority_below` and the monthly `period`): an
// `installation` budget, `thresholds`, a budget per `workflows` entry, `work_item`, and
// `period: total`. Each changes what the app does with the same earlier spend.

/** One scenario: the config on main, earlier spend, then issues labelled in order. */
function scenario(config: string, before: (life: Lifecycle) => Promise<void>, issues: { label: string; title: string }[]) {
  const state = { life: undefined as Lifecycle | undefined, numbers: [] as number[] };
  beforeAll(async () => {
    state.life = await startLifecycle();
    await withPitwallConfig(state.life, config);
    await before(state.life);
    for (const issue of issues) state.numbers.push(await labelNewIssue(state.life.tunnel, issue.label, { title: issue.title, body: "Please." }));
  }, 60_000);
  afterAll(async () => {
    await state.life?.close();
  });
  return () => {
    if (!state.life) throw new Error("the scenario did not start");
    return { life: state.life, numbers: state.numbers };
  };
}

const ownerComments = (life: Lifecycle, number: number) => commentsOn(life.tunnel.github, repo, number).filter((comment) => comment.body.includes("@olivia")).map((comment) => comment.body);

/** A scenario's lifecycle and its first issue. */
function first(world: () => { life: Lifecycle; numbers: number[] }): [Lifecycle, number] {
  const { life, numbers } = world();
  if (numbers[0] === undefined) throw new Error("the scenario labelled no issue");
  return [life, numbers[0]];
}

/** No model was called: the work item's state, what its owner was told last, and its card. */
async function heldWithoutModelCall(life: Lifecycle, number: number): Promise<{ calls: number; state: string; lastToOwner: string; card: string }> {
  return { calls: life.tunnel.anthropic.requests.length, state: (await workItemOf(life.tunnel, number)).state, lastToOwner: ownerComments(life, number).at(-1) ?? "", card: statusCard(life.tunnel, number) };
}

describe("an installation budget with thresholds.approaching at 50%", () => {
  const world = scenario("budgets:\n  installation: { limit_usd: 10, owners: [olivia] }\n  thresholds: { approaching: 0.5 }\n", (life) => earlierWork(life.tunnel.pitwall.sql, "feature", "6.00"), [{ label: "pitwall:docs", title: "Document the config" }]);

  it("tells the installation's owner at 60% and delays low-priority work without calling a model", async () => {
    const [life, number] = first(world);
    const held = await heldWithoutModelCall(life, number);
    expect(held).toMatchObject({ calls: 0, state: "queued" });
    expect(held.lastToOwner).toContain("@olivia the installation budget of acme ($10.00) is past 50% of its limit ($6.00 spent or held)");
    expect(ownerComments(life, number)).toHaveLength(1);
  });
});

describe("a repo budget with thresholds.over at 110%", () => {
  const world = scenario("budgets:\n  repo: { limit_usd: 10, owners: [olivia] }\n  thresholds: { over: 1.1 }\n", (life) => earlierWork(life.tunnel.pitwall.sql, "feature", "11.50"), [{ label: "pitwall:feature", title: "Add dark mode" }]);

  it("pauses everything in scope and calls the owners at 115% (under the default 120% it would only wait for /approve budget)", async () => {
    const held = await heldWithoutModelCall(...first(world));
    expect(held).toMatchObject({ calls: 0, state: "paused" });
    expect(held.lastToOwner).toContain("is over its limit: $11.50 spent or held. Everything in this budget's scope is paused");
  });
});

describe("a budget for the feature workflow", () => {
  const world = scenario("budgets:\n  workflows:\n    feature: { limit_usd: 10, owners: [olivia] }\n", (life) => earlierWork(life.tunnel.pitwall.sql, "feature", "10.00"), [
    { label: "pitwall:feature", title: "Add dark mode" },
    { label: "pitwall:docs", title: "Document the config" },
  ]);

  it("holds the spent workflow's work for its owner and lets another workflow run", async () => {
    const { life, numbers } = world();
    const [feature, docs] = numbers as [number, number];
    expect((await workItemOf(life.tunnel, feature)).state).toBe("paused");
    expect(statusCard(life.tunnel, feature)).toContain("the workflow budget of feature in acme/rocket ($10.00)");
    expect((await workItemOf(life.tunnel, docs)).state).toBe("awaiting_gate");
    expect(life.tunnel.anthropic.requests.length).toBeGreaterThan(0);
  });
});

describe("a work-item budget below the workflow's forecast", () => {
  const world = scenario("budgets:\n  work_item: { limit_usd: 0.5, owners: [olivia] }\n", () => Promise.resolve(), [{ label: "pitwall:feature", title: "Add dark mode" }]);

  it("asks its owner to /approve budget before the first dispatch, instead of the workflow's budget_usd", async () => {
    const held = await heldWithoutModelCall(...first(world));
    expect(held).toMatchObject({ calls: 0, state: "paused" });
    expect(held.lastToOwner).toContain("the forecast of $15.00 is above the work item's budget of $0.50");
  });
});

describe("a repo budget with period: total", () => {
  // Spent two months ago: a monthly budget would have started afresh since.
  const twoMonthsAgo = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 2, 10));
  const world = scenario("budgets:\n  repo: { limit_usd: 10, owners: [olivia], period: total }\n", (life) => earlierWork(life.tunnel.pitwall.sql, "feature", "10.00", 100, twoMonthsAgo), [{ label: "pitwall:feature", title: "Add dark mode" }]);

  it("counts spend from earlier months and holds the dispatch", async () => {
    const held = await heldWithoutModelCall(...first(world));
    expect(held).toMatchObject({ calls: 0, state: "paused" });
    expect(held.card).toContain("has $0.00 left; an owner can allow it with `/approve budget`");
  });
});
