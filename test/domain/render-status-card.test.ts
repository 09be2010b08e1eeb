import { describe, expect, it } from "vitest";
import { renderStatusCard, usdToNano, type StatusCardInput } from "../../src/domain/index.ts";

const input: StatusCardInput = {
  workflow: { name: "feature", passes: [{ id: "spec", agent: "specifier", gateKind: "human", criteria: ["Traces every requirement"] }], budgetUsd: usdToNano("25"), forecastUsd: usdToNano("6") },
  state: "awaiting_gate",
  stateReason: null,
  currentPass: "spec",
  passRuns: [{ passId: "spec", state: "awaiting_gate", prNumber: 2, iteration: 1 }],
  spentUsd: usdToNano("0.023700000"),
  audit: [{ at: new Date("2026-11-21T10:00:00Z"), actor: "bob", action: "/approve refused on spec", detail: "a | b\nc", commitSha: "abcdef1234567" }],
  pinnedSha: "0123456789abcdef",
};

describe("renderStatusCard", () => {
  it("shows the passes, the current gate's criteria, cost against budget and the audit trail", () => {
    const card = renderStatusCard(input);
    expect(card).toContain("| **spec** | specifier | human | 🚦 awaiting gate | 1 | #2 |");
    expect(card).toContain("- [ ] Traces every requirement");
    expect(card).toContain("**Cost so far:** $0.02 · budget $25.00 · forecast $6.00");
    expect(card).toContain("Definitions pinned at `0123456`");
  });

  it("keeps text from people inside its table cell", () => {
    const card = renderStatusCard(input);
    expect(card).toContain("| 2026-11-21 10:00:00 | bob | /approve refused on spec: a \\| b c | `abcdef1` |");
  });

  it("shows a queued start that waits for a vendor (the analyst) as paused, and only while it is not past that", () => {
    const waiting = "waiting for anthropic: overloaded, next try at 2026-11-21 10:00:02 UTC; Pitwall resumes by itself";
    const queued = { ...input, state: "queued" as const, currentPass: null, passRuns: [], waiting };
    expect(renderStatusCard(queued)).toContain(`**State:** ⏸️ paused — ${waiting}`);
    expect(renderStatusCard({ ...queued, state: "proposed" })).not.toContain("paused —");
  });
});
