import { describe, expect, it } from "vitest";
import { artifactsContract, runAgent } from "../../src/agents/index.ts";
import type { NextCall } from "../../src/agents/run-agent.ts";
import { repoToolSpecs, runRepoTool } from "../../src/agents/repo-tools.ts";
import { Workspace, type RepoSnapshot } from "../../src/agents/workspace.ts";
import type { Agent } from "../../src/definitions/index.ts";
import type { ModelProvider, ModelRequest, ModelResponse } from "../../src/providers/types.ts";
import { usdToNano } from "../../src/domain/money.ts";

const snapshot = (files: Record<string, string>): RepoSnapshot => ({
  listFiles: () => Promise.resolve(Object.keys(files).sort()),
  readFile: (path) => Promise.resolve(files[path]),
});

const repo = { "src/index.ts": "export const launch = () => 1;\n", "src/util.ts": "export const twice = (n: number) => n * 2;\n// launch helper\n", "README.md": "# Rocket\n" };

describe("Workspace", () => {
  it("reads the base commit, lists and searches, and keeps writes in memory", async () => {
    const workspace = new Workspace(snapshot(repo), ["src/**"]);
    expect(await workspace.listFiles("src")).toEqual({ ok: true, content: "src/index.ts\nsrc/util.ts" });
    expect(await workspace.searchText("launch", "")).toEqual({ ok: true, content: "src/index.ts:1: export const launch = () => 1;\nsrc/util.ts:2: // launch helper" });
    expect(await workspace.editFile("src/index.ts", "() => 1", "() => 2")).toMatchObject({ ok: true });
    expect(await workspace.readFile("src/index.ts")).toEqual({ ok: true, content: "export const launch = () => 2;\n" });
    expect(workspace.changes()).toEqual([{ path: "src/index.ts", content: "export const launch = () => 2;\n" }]);
  });

  it.each<[string, (workspace: Workspace) => Promise<{ ok: boolean; content: string }> | { ok: boolean; content: string }, string]>([
    ["a write outside access.write", (w) => w.writeFile(".github/workflows/ci.yml", "on: push"), "you may not write .github/workflows/ci.yml: your access.write is src/**"],
    ["a path that climbs out", (w) => w.writeFile("src/../../etc/passwd", "x"), "is not a relative path inside the repository"],
    ["an edit whose text is not there", (w) => w.editFile("src/index.ts", "() => 3", "x"), "old_text was not found in src/index.ts"],
    ["an edit whose text is not unique", (w) => w.editFile("src/util.ts", "n", "m"), "occurs more than once"],
    ["an edit of a missing file", (w) => w.editFile("src/nope.ts", "a", "b"), "does not exist; use write_file"],
    ["a file over the size limit", (w) => w.writeFile("src/big.ts", "x".repeat(11)), "would be 11 bytes; the limit is 10"],
  ])("refuses %s with an error the model can act on", async (_name, act, message) => {
    const workspace = new Workspace(snapshot(repo), ["src/**"], { maxReadBytes: 100, maxChangedFiles: 2, maxFileBytes: 10 });
    const outcome = await act(workspace);
    expect(outcome.ok).toBe(false);
    expect(outcome.content).toContain(message);
    expect(workspace.changes()).toEqual([]);
  });

  it("says what a long read left out instead of cutting silently", async () => {
    const workspace = new Workspace(snapshot({ "src/long.ts": "a".repeat(150) }), [], { maxReadBytes: 100, maxChangedFiles: 1, maxFileBytes: 10 });
    expect((await workspace.readFile("src/long.ts")).content).toMatch(/a{100}\n\[… 50 more bytes of src\/long.ts not shown\]$/);
  });

  it("offers only the tools the agent holds", async () => {
    const workspace = new Workspace(snapshot(repo), ["src/**"]);
    expect(repoToolSpecs(["read_file"]).map((spec) => spec.name)).toEqual(["read_file"]);
    expect(await runRepoTool(workspace, ["read_file"], { id: "1", name: "write_file", input: { path: "src/a.ts", content: "x" } })).toEqual({ ok: false, content: "you do not have a tool named write_file" });
    expect(await runRepoTool(workspace, ["read_file"], { id: "1", name: "read_file", input: { file: "x" } })).toMatchObject({ ok: false, content: expect.stringContaining("invalid input") as string });
  });
});

const agent: Agent = {
  name: "implementer",
  version: 1,
  category: "implementer",
  description: "d",
  capabilities: [],
  context: ["issue"],
  context_files: [],
  context_budget_bytes: 120_000,
  access: { write: ["src/**", "docs/work/**"] },
  tier: "mid",
  escalation: { step_up: true, max_tier: "frontier", may_step_down: false },
  tools: ["read_file", "edit_file"],
  max_output_tokens: 1000,
  prompt: "You implement.",
  file: "agents/implementer.md",
};
const usage = { inputTokens: 100, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 50 };

function scripted(answers: Partial<ModelResponse>[]): ModelProvider & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    name: "anthropic",
    requests,
    complete(request) {
      requests.push(structuredClone(request));
      const answer = answers.shift() ?? { toolCalls: [{ id: "r", name: "read_file", input: { path: "src/index.ts" } }] };
      return Promise.resolve({ provider: "anthropic", model: request.model, text: "", toolCalls: [], stopReason: "tool_use", usage, latencyMs: 1, ...answer });
    },
  };
}

describe("runAgent with tools", () => {
  const submission = { artifacts: [{ name: "implementation.md", content: "# Notes" }], summary: "done" };
  const run = (provider: ModelProvider, workspace: Workspace, limits = {}) =>
    runAgent({
      agent,
      submit: artifactsContract(["implementation.md"], { allowFiles: false }),
      prompt: { system: "s", user: "u" },
      candidates: [{ provider: "anthropic", model: "m" }],
      providers: new Map([["anthropic", provider]]),
      // Every call costs a cent, as recorded.
      onCall: () => Promise.resolve(usdToNano("0.01")),
      tools: { specs: repoToolSpecs(agent.tools), run: (call) => runRepoTool(workspace, agent.tools, call) },
      limits,
    });

  it("reads, edits and submits, handing every tool result back", async () => {
    const workspace = new Workspace(snapshot(repo), agent.access.write);
    const provider = scripted([
      { toolCalls: [{ id: "a", name: "read_file", input: { path: "src/index.ts" } }] },
      { toolCalls: [{ id: "b", name: "edit_file", input: { path: "src/index.ts", old_text: "() => 1", new_text: "() => 2" } }] },
      { toolCalls: [{ id: "c", name: "submit_artifacts", input: submission }] },
    ]);
    const result = await run(provider, workspace);
    expect(result).toMatchObject({ ok: true, turns: 3 });
    expect(provider.requests[0]?.toolChoice).toBeUndefined();
    expect(provider.requests[0]?.tools.map((tool) => tool.name)).toEqual(["read_file", "edit_file", "submit_artifacts"]);
    expect(provider.requests[1]?.turns.at(-1)).toEqual({ role: "tool", results: [{ callId: "a", content: "export const launch = () => 1;\n", isError: false }] });
    expect(workspace.changes()).toEqual([{ path: "src/index.ts", content: "export const launch = () => 2;\n" }]);
  });

  it.each<[string, object, string]>([
    ["turns", { maxTurns: 3 }, "the agent did not submit within 3 turns"],
    ["tokens", { maxTotalTokens: 400 }, "stopped after 3 turns: 450 tokens used, the limit is 400"],
    ["dollars", { maxUsd: usdToNano("0.02") }, "stopped after 3 turns: $0.03 spent, the limit for one run is $0.02"],
  ])("stops a loop that runs out of %s", async (_name, limits, error) => {
    const result = await run(scripted([]), new Workspace(snapshot(repo), agent.access.write), limits);
    expect(result).toMatchObject({ ok: false, error });
  });

  it("asks before every call with the most its prompt and output can be, and stops before a call it may not make", async () => {
    // The worst a tokenizer does: one token per byte of what it is sent and of what it answers.
    // The agent reads a 20 kB file each turn, so a bound that missed the new tool results would
    // fall short by far more than the framing margin.
    const requests: ModelRequest[] = [];
    const counted: number[] = [];
    const vendor: ModelProvider = {
      name: "anthropic",
      complete(request) {
        requests.push(structuredClone(request));
        const inputTokens = Buffer.byteLength(JSON.stringify({ system: request.system, turns: request.turns, tools: request.tools }));
        counted.push(inputTokens);
        const toolCalls = [{ id: `r${requests.length}`, name: "read_file", input: { path: "docs/big.md" } }];
        return Promise.resolve({ provider: "anthropic", model: request.model, text: "", toolCalls, stopReason: "tool_use", usage: { ...usage, inputTokens, outputTokens: Buffer.byteLength(JSON.stringify(toolCalls)) }, latencyMs: 1 });
      },
    };
    const big = { ...repo, "docs/big.md": "The launch sequence was revised. ".repeat(600) };
    const asked: NextCall[] = [];
    const workspace = new Workspace(snapshot(big), agent.access.write);
    const result = await runAgent({
      agent,
      submit: artifactsContract(["implementation.md"], { allowFiles: false }),
      prompt: { system: "s".repeat(5_000), user: "u" },
      candidates: [{ provider: "anthropic", model: "m" }],
      providers: new Map([["anthropic", vendor]]),
      onCall: () => Promise.resolve(0n),
      tools: { specs: repoToolSpecs(agent.tools), run: (call) => runRepoTool(workspace, agent.tools, call) },
      beforeCall: (next) => {
        asked.push(next);
        return Promise.resolve(asked.length <= 3 ? { ok: true } : { ok: false, reason: "the repo budget has $0.01 left" });
      },
    });
    expect(result).toMatchObject({ ok: false, budgetStop: "the repo budget has $0.01 left", error: "stopped before model call 4: the repo budget has $0.01 left" });
    // The refused call was never made.
    expect(requests).toHaveLength(3);
    expect(asked).toHaveLength(4);
    expect(asked.map((next) => next.outputTokensAtMost)).toEqual([1000, 1000, 1000, 1000]);
    // Each bound covers what the vendor then counted, and grows as the conversation does.
    for (const [index, tokens] of counted.entries()) expect(asked[index]?.promptTokensAtMost).toBeGreaterThanOrEqual(tokens);
    expect(asked[0]?.promptTokensAtMost).toBeGreaterThanOrEqual(5_000);
    expect(asked[3]?.promptTokensAtMost).toBeGreaterThan(asked[2]?.promptTokensAtMost ?? Infinity);
  });
});
