import { formatUsd } from "../cost/money.ts";
import type { WorkItemState } from "./work-item-state.ts";

export interface StatusCardInput {
  workflow: { name: string; passes: { id: string; agent: string; gateKind: string; criteria: readonly string[] }[]; budgetUsd?: number | undefined; forecastUsd?: number | undefined };
  state: WorkItemState;
  stateReason: string | null;
  currentPass: string | null;
  passRuns: { passId: string; state: string; prNumber: number | null; iteration: number }[];
  spentUsd: string;
  audit: { at: Date; actor: string; action: string; detail: string | null; commitSha: string | null }[];
  pinnedSha: string | null;
}

const stateLabel: Record<WorkItemState, string> = {
  queued: "⏳ queued",
  running: "🏃 running",
  awaiting_gate: "🚦 awaiting gate",
  blocked: "⛔ blocked",
  failed: "❌ failed",
  done: "✅ done",
};

/** The status card: one comment on the issue that Pitwall keeps editing (DESIGN §1). */
export function renderStatusCard(input: StatusCardInput): string {
  const lines = [`## 🏁 Pitwall · \`${input.workflow.name}\` workflow`, "", `**State:** ${stateLabel[input.state]}${input.stateReason ? ` — ${input.stateReason}` : ""}`, ""];
  lines.push("| pass | agent | gate | state | pull request |", "| --- | --- | --- | --- | --- |");
  for (const pass of input.workflow.passes) {
    const runs = input.passRuns.filter((run) => run.passId === pass.id);
    const latest = runs.at(-1);
    const state = latest ? passStateLabel(latest.state) : pass.id === input.currentPass && input.state === "queued" ? "queued" : "—";
    const pr = latest?.prNumber ? `#${latest.prNumber}` : "";
    lines.push(`| ${pass.id === input.currentPass ? `**${pass.id}**` : pass.id} | ${pass.agent} | ${pass.gateKind} | ${state} | ${pr} |`);
  }
  const current = input.workflow.passes.find((pass) => pass.id === input.currentPass);
  if (current && input.state === "awaiting_gate") {
    lines.push("", `**Current gate (${current.id}, ${current.gateKind}):** reply \`/approve\` on the pull request when these hold, or \`/reject <why>\`:`);
    lines.push(...current.criteria.map((criterion) => `- [ ] ${criterion}`));
  }
  const budget = input.workflow.budgetUsd === undefined ? "no budget set" : `budget ${formatUsd(String(input.workflow.budgetUsd))}`;
  const forecast = input.workflow.forecastUsd === undefined ? "" : ` · forecast ${formatUsd(String(input.workflow.forecastUsd))} (workflow default, no history yet)`;
  lines.push("", `**Cost so far:** ${formatUsd(input.spentUsd)} · ${budget}${forecast}`);
  if (input.audit.length > 0) {
    lines.push("", "<details><summary>Audit trail</summary>", "", "| when (UTC) | who | what | commit |", "| --- | --- | --- | --- |");
    for (const entry of input.audit) {
      const what = `${entry.action}${entry.detail ? `: ${entry.detail}` : ""}`;
      lines.push(`| ${entry.at.toISOString().replace("T", " ").slice(0, 19)} | ${tableCell(entry.actor)} | ${tableCell(what)} | ${entry.commitSha ? `\`${entry.commitSha.slice(0, 7)}\`` : ""} |`);
    }
    lines.push("", "</details>");
  }
  if (input.pinnedSha) lines.push("", `<sub>Definitions pinned at \`${input.pinnedSha.slice(0, 7)}\` of the default branch.</sub>`);
  return lines.join("\n");
}

/** Text from people (a reject reason, a login) must not break the table or start a new Markdown block. */
function tableCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replaceAll("|", "\\|");
}

function passStateLabel(state: string): string {
  switch (state) {
    case "running":
      return "🏃 running";
    case "awaiting_gate":
      return "🚦 awaiting gate";
    case "merged":
      return "✅ merged";
    case "failed":
      return "❌ failed";
    default:
      return state;
  }
}
