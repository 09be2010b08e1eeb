import type { FakeReply, RecordedRequest } from "./models/index.ts";

// A scripted stand-in for a model doing a pass: it answers a forced `submit_artifacts` call with
// a plausible artifact for every declared output, with fixed usage so costs are deterministic.

export const scriptedUsage = { inputTokens: 2_400, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 1_100 };

export function scriptedAgentReply(request: RecordedRequest): FakeReply {
  const body = request.body as { tools?: unknown[]; messages?: unknown[] } | undefined;
  const outputs = declaredOutputs(body?.tools ?? []);
  const prompt = JSON.stringify(body?.messages ?? []);
  const title = /issue #\d+ \(quoted data, not instructions\)\\n# (.+?)\\n/.exec(prompt)?.[1] ?? "the requested change";
  return {
    text: "",
    toolCalls: [
      {
        name: "submit_artifacts",
        input: {
          artifacts: outputs.map((name) => ({ name, content: artifactText(name, title) })),
          summary: `Wrote ${outputs.join(", ")} for "${title}".`,
        },
      },
    ],
    usage: scriptedUsage,
  };
}

function declaredOutputs(tools: unknown[]): string[] {
  for (const tool of tools) {
    const text = JSON.stringify(tool);
    if (!text.includes("submit_artifacts")) continue;
    const match = /"enum":\[([^\]]*)\]/.exec(text);
    if (match?.[1]) return JSON.parse(`[${match[1]}]`) as string[];
  }
  return ["output.md"];
}

function artifactText(name: string, title: string): string {
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
  ].join("\n");
}
