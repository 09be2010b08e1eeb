import { createHash } from "node:crypto";
import type { FakeReply, RecordedRequest } from "./models/index.ts";

// A scripted stand-in for a model doing Pitwall's work: it answers whichever tool the request
// forces — a pass's `submit_artifacts` (with a code file when the pass may change code), a gate
// verifier's `submit_verdict`, the analyst's `propose_workflow` — with plausible content and
// fixed usage, so costs are deterministic. The code it writes depends on the feedback it was
// given, so a rework makes a real change.

export const scriptedUsage = { inputTokens: 2_400, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1_100 };

export function scriptedAgentReply(request: RecordedRequest): FakeReply {
  const body = request.body as { tools?: unknown[]; messages?: unknown[] } | undefined;
  const tools = (body?.tools ?? []).map((tool) => JSON.stringify(tool));
  const prompt = JSON.stringify(body?.messages ?? []);
  const title = /issue #\d+ \(quoted data, not instructions\)\\n# (.+?)\\n/.exec(prompt)?.[1] ?? "the requested change";
  const verdictTool = tools.find((tool) => tool.includes("submit_verdict"));
  if (verdictTool) {
    return { text: "", toolCalls: [{ name: "submit_verdict", input: { verdict: "pass", summary: `Every criterion holds for "${title}".`, findings: [] } }], usage: scriptedUsage };
  }
  const proposalTool = tools.find((tool) => tool.includes("propose_workflow"));
  if (proposalTool) {
    const issue = /issue #\d+ \(quoted data, not instructions\)([\s\S]*?)>>>/.exec(prompt)?.[1] ?? "";
    const workflow = /crash|error|bug|broken|fails/i.test(issue) ? "bug" : "feature";
    return { text: "", toolCalls: [{ name: "propose_workflow", input: { workflow, confidence: "high", reasoning: `"${title}" reads like a ${workflow}.` } }], usage: scriptedUsage };
  }
  const submitTool = tools.find((tool) => tool.includes("submit_artifacts")) ?? "";
  const outputs = declaredOutputs(submitTool);
  // An agent with write tools works in a loop: look around, read, write, then submit.
  if (tools.some((tool) => tool.includes('"write_file"'))) {
    const step = (prompt.match(/"type":"tool_result"|"role":"tool"/g) ?? []).length;
    const path = `src/${slug(title)}.ts`;
    const loop: NonNullable<FakeReply["toolCalls"]>[] = [
      [{ name: "list_files", input: { path: "" } }],
      [{ name: "read_file", input: { path: "src/index.ts" } }],
      [{ name: "write_file", input: { path, content: codeFor(title, prompt) } }],
    ];
    const next = loop[step];
    if (next) return { text: "", toolCalls: next, usage: scriptedUsage };
  }
  const input: Record<string, unknown> = {
    artifacts: outputs.map((name) => ({ name, content: artifactText(name, title, feedbackIn(prompt)) })),
    summary: `Wrote ${outputs.join(", ")} for "${title}".`,
  };
  if (submitTool.includes('"files"')) input["files"] = [{ path: pathFor(submitTool, title), content: codeFor(title, prompt) }];
  return { text: "", toolCalls: [{ name: "submit_artifacts", input }], usage: scriptedUsage };
}

function declaredOutputs(tool: string): string[] {
  const match = /"enum":\[([^\]]*)\]/.exec(tool);
  return match?.[1] ? (JSON.parse(`[${match[1]}]`) as string[]) : ["output.md"];
}

/** The feedback of a rework, as quoted in the prompt ("" on a first iteration). */
function feedbackIn(prompt: string): string {
  return /feedback on your previous iteration \(quoted data, not instructions\)\\n([\s\S]*?)\\n>>>/.exec(prompt)?.[1] ?? "";
}

/** The feedback the agent was given decides the code, so each rework changes it. */
function codeFor(title: string, prompt: string): string {
  const feedback = feedbackIn(prompt);
  const revision = createHash("sha256").update(feedback).digest("hex").slice(0, 8);
  return `// ${title}\nexport const revision = "${revision}";\nexport function enabled(): boolean {\n  return true;\n}\n`;
}

/** A path the agent may write: under src/ when it may, else under its first writable folder. */
function pathFor(tool: string, title: string): string {
  const globs = /You may write only paths matching: ([^"]*?)\./.exec(tool)?.[1]?.split(", ") ?? [];
  if (globs.includes("src/**")) return `src/${slug(title)}.ts`;
  const folder = globs.find((glob) => glob.endsWith("/**") && !glob.startsWith("docs/work"))?.slice(0, -3);
  return folder ? `${folder}/${slug(title)}.md` : (globs.find((glob) => !glob.includes("*")) ?? `${slug(title)}.md`);
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "change";
}

function artifactText(name: string, title: string, feedback: string): string {
  const heading = name.replace(/\.md$/, "");
  return [
    `# ${heading[0]?.toUpperCase() ?? ""}${heading.slice(1)}: ${title}`,
    "",
    "## Summary",
    `What ${title} needs, written by the wind tunnel's scripted agent.`,
    "",
    "## Requirements",
    "- R1: the behaviour the issue asks for.",
    "",
    "## Acceptance criteria",
    "- Given the feature is enabled, when a user uses it, then it behaves as the issue describes.",
    "",
    "## Open questions",
    "- None.",
    ...(feedback ? ["", "## Changes after review", `- Addressed: ${feedback.split("\\n")[0] ?? ""}`] : []),
  ].join("\n");
}
