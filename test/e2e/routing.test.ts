import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentPull, labelNewIssue, type Lifecycle, say, startLifecycle, workItemOf, scriptedAgentReply } from "../../windtunnel/index.ts";

// Routing across tiers: a design that declares work across two areas sends the passes that
// build on it one tier up, and the ledger says so on every call.

describe("a design that crosses boundaries", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    life.tunnel.anthropic.setResponder((request) => {
      const reply = scriptedAgentReply(request);
      const call = reply.toolCalls?.[0];
      const input = call?.input as { artifacts?: { name: string; content: string }[] } | undefined;
      if (call?.name !== "submit_artifacts" || !input?.artifacts?.some((artifact) => artifact.name === "design.md")) return reply;
      const artifacts = input.artifacts.map((artifact) => (artifact.name === "design.md" ? { ...artifact, content: `---\nareas: [billing, web]\ncontract_changes: true\n---\n${artifact.content}` } : artifact));
      return { ...reply, toolCalls: [{ ...call, input: { ...input, artifacts } }] };
    });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Invoice dark mode", body: "Invoices should follow the dark theme." });
    for (let step = 0; step < 6; step += 1) {
      const item = await workItemOf(life.tunnel, issueNumber);
      if (item.current_pass === "implement" || item.state !== "awaiting_gate") break;
      await say(life.tunnel, (await currentPull(life.tunnel, issueNumber)).number, "/approve", "carol");
    }
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("runs the passes after the design one tier up, with the reason on every ledger row", async () => {
    const rows = await life.tunnel.pitwall.sql.query<{ agent: string; tier: string; tier_reason: string; model: string }>("select agent, tier, tier_reason, model from ledger order by id");
    const implementer = rows.filter((row) => row.agent === "implementer");
    expect(implementer.length).toBeGreaterThan(0);
    for (const row of implementer) {
      expect(row).toEqual({ agent: "implementer", tier: "frontier", tier_reason: "one tier up from mid: the design touches 2 areas (billing, web) and changes a contract", model: "claude-opus-4-6" });
    }
    // The specifier ran before the design existed: its own default tier.
    expect(rows.find((row) => row.agent === "specifier")).toMatchObject({ tier: "mid", tier_reason: "the specifier agent's default" });
  });
});
