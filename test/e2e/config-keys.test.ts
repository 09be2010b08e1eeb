import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelNewIssue, repo, startLifecycle, statusCard, workItemOf, type Lifecycle, scriptedAgentReply } from "../../windtunnel/index.ts";
import { checkRunsNamed } from "../support/world-queries.ts";

// The keys of .github/pitwall.yml the README documents, each changing what the app does:
// `tiers` picks the model the vendor is asked for, `prices` the dollars on the ledger,
// `verifiers` what a verifier's check run annotates. (Budgets: test/e2e/budgets.test.ts and
// config-budgets.test.ts; artifacts.folder: config-artifacts-folder.test.ts.)

const config = [
  "tiers:",
  "  cheap: [anthropic/claude-haiku-4-5, openai/wind-mini]",
  "  mid: [anthropic/claude-sonnet-4-6, openai/gpt-5]",
  "prices:",
  "  openai/wind-mini: { input: 1, cacheWrite: 2, cacheRead: 0.5, output: 3 }",
  "  openai/gpt-5: { input: 7, cacheWrite: 9, cacheRead: 0.25, output: 11 }",
  "verifiers:",
  "  max_annotations: 3",
  "  min_severity: warning",
  "",
].join("\n");

const findings = [
  ...["error", "error", "warning", "warning", "warning", "note", "note"].map((severity, index) => ({ path: "README.md", line: 1, severity, message: `Finding ${index + 1} (${severity}).` })),
];

describe("tiers, prices and verifiers in .github/pitwall.yml", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    // Only OpenAI has a key: each tier's first configured model answers.
    life = await startLifecycle({ providers: ["openai"] });
    life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall.yml": config } });
    await life.tunnel.settle();
    life.tunnel.openai.setResponder((request) => {
      const tools = (request.body as { tools?: unknown }).tools;
      if (!JSON.stringify(tools ?? []).includes('"submit_verdict"')) return scriptedAgentReply(request);
      return { toolCalls: [{ name: "submit_verdict", input: { verdict: "pass", summary: "Accurate, with findings.", findings } }] };
    });
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the config", body: "Which keys does the config take?" });
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("asks the vendor for each tier's first configured model", () => {
    const models = life.tunnel.openai.requests.map((request) => (request.body as { model: string }).model);
    // The technical writer (mid) wrote the change; the documenter (cheap) verified it.
    expect(models).toContain("gpt-5");
    expect(models).toContain("wind-mini");
    expect(life.tunnel.anthropic.requests).toHaveLength(0);
    expect(statusCard(life.tunnel, issueNumber)).not.toContain("no configured provider");
  });

  it("prices every call with the configured prices (over the dated table's gpt-5, and a model it lacks), to the nano-dollar", async () => {
    const rows = await life.tunnel.pitwall.sql.query<{ model: string; input_tokens: number; cache_write_tokens: number; cache_read_tokens: number; output_tokens: number; usd: string; priced: boolean }>(
      "select model, input_tokens, cache_write_tokens, cache_read_tokens, output_tokens, usd::text as usd, priced from ledger where not cache_hit order by id",
    );
    expect(rows.map((row) => row.model)).toEqual(expect.arrayContaining(["gpt-5", "wind-mini"]));
    const perMillion: Record<string, { input: number; cacheWrite: number; cacheRead: number; output: number }> = {
      "wind-mini": { input: 1, cacheWrite: 2, cacheRead: 0.5, output: 3 },
      "gpt-5": { input: 7, cacheWrite: 9, cacheRead: 0.25, output: 11 },
    };
    for (const row of rows) {
      const price = perMillion[row.model];
      expect(price, row.model).toBeDefined();
      if (!price) continue;
      // USD per million tokens: micro-dollars per token, so the exact figure fits in nine decimals.
      const nano = (row.input_tokens * price.input + row.cache_write_tokens * price.cacheWrite + row.cache_read_tokens * price.cacheRead + row.output_tokens * price.output) * 1_000;
      expect({ model: row.model, usd: Number(row.usd), priced: row.priced }).toEqual({ model: row.model, usd: nano / 1e9, priced: true });
    }
  });

  it("annotates at most max_annotations findings from min_severity up, and counts the rest in the summary", async () => {
    expect((await workItemOf(life.tunnel, issueNumber)).state, statusCard(life.tunnel, issueNumber)).not.toBe("failed");
    const [check] = checkRunsNamed(life.tunnel.github, "pitwall/documenter");
    expect(check?.status).toBe("completed");
    expect(check?.annotations.map((annotation) => [annotation.annotation_level, annotation.message])).toEqual([
      ["failure", "Finding 1 (error)."],
      ["failure", "Finding 2 (error)."],
      ["warning", "Finding 3 (warning)."],
    ]);
    expect(check?.output.summary).toContain("- 2 warning findings (documenter)");
    expect(check?.output.summary).toContain("- 2 note findings (documenter)");
  });
});

describe("a value of the wrong type in .github/pitwall.yml", () => {
  let life: Lifecycle;
  let broken: number;
  let fixed: number;

  beforeAll(async () => {
    life = await startLifecycle();
    life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall.yml": "# Pitwall\nverifiers:\n  max_annotations: lots\nartifacts:\n  folder: /etc\n" } });
    await life.tunnel.settle();
    broken = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the config", body: "Which keys does the config take?" });
    life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall.yml": "verifiers:\n  max_annotations: 20\n" } });
    await life.tunnel.settle();
    fixed = await labelNewIssue(life.tunnel, "pitwall:docs", { title: "Document the budgets", body: "Which budget keys are there?" });
  }, 60_000);

  afterAll(async () => {
    await life?.close();
  });

  it("names each problem on the card as file:line:column: field: message and calls no model for it", async () => {
    const card = statusCard(life.tunnel, broken);
    expect(card).toContain(".github/pitwall.yml:3:20: verifiers.max_annotations:");
    expect(card).toContain(".github/pitwall.yml:5:11: artifacts.folder: a relative folder such as docs/work");
    expect((await workItemOf(life.tunnel, broken)).state).toBe("blocked");
    expect(life.tunnel.anthropic.requests.filter((request) => JSON.stringify(request.body).includes("Document the config"))).toEqual([]);
  });

  it("keeps the app running: once the file is fixed, the next issue runs", async () => {
    expect((await workItemOf(life.tunnel, fixed)).state).toBe("awaiting_gate");
    expect(life.tunnel.anthropic.requests.length).toBeGreaterThan(0);
  });
});
