import { repo, statusCard, type WindTunnel } from "../index.ts";
import type { ShowablePart } from "./read-demo-options.ts";

// `npm run demo -- --show card,cost,gate`: what a person on GitHub would read, as GitHub holds it
// at the end of the run (Markdown as posted; check-run output as the app last wrote it).

export function renderShownParts(tunnel: WindTunnel, issueNumber: number, parts: readonly ShowablePart[]): string {
  return parts.map((part) => `\n${renderers[part](tunnel, issueNumber)}`).join("\n");
}

/** Bodies are indented under their heading, like the demo's other sections. */
const indent = (text: string) => text.split("\n").map((line) => (line === "" ? "" : `  ${line}`)).join("\n");

const renderers: Record<ShowablePart, (tunnel: WindTunnel, issueNumber: number) => string> = {
  card: (tunnel, issueNumber) => `Status card (the comment Pitwall keeps editing on #${issueNumber}, as Markdown)\n${indent(statusCard(tunnel, issueNumber))}`,
  cost(tunnel) {
    const bot = [...tunnel.github.state.users.values()].find((user) => user.login === tunnel.github.botLogin);
    const last = [...tunnel.github.state.comments.values()]
      .filter((comment) => comment.repoKey === repo && comment.authorId === bot?.id && comment.body.startsWith("<!-- pitwall:cost:"))
      .sort((a, b) => a.id - b.id)
      .at(-1);
    const on = last ? [...tunnel.github.state.issues.values()].find((issue) => issue.id === last.issueId)?.number : undefined;
    return last ? `Cost summary (the last one Pitwall posted, on #${on ?? "?"}, as Markdown)\n${indent(last.body)}` : "Cost summary: Pitwall posted none.";
  },
  gate(tunnel) {
    const gate = [...tunnel.github.state.checkRuns.values()]
      .filter((run) => run.repoKey === repo && run.name === "pitwall/gate")
      .sort((a, b) => a.id - b.id)
      .at(-1);
    if (!gate) return "Gate check: Pitwall created no pitwall/gate check run.";
    const pull = [...tunnel.github.state.pulls.values()].find((candidate) => candidate.repoKey === repo && candidate.headSha === gate.headSha);
    const pass = pull ? ` on the ${pull.headRef.replace(/^pitwall\/\d+\//, "")} pass (#${pull.number})` : "";
    return [`Gate check (pitwall/gate${pass} at ${gate.headSha.slice(0, 7)}): ${gate.status}${gate.conclusion ? ` (${gate.conclusion})` : ""}`, indent(`Title: ${gate.output.title ?? ""}`), indent("Summary:"), indent(gate.output.summary ?? "")].join("\n");
  },
};
