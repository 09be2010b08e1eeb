import { formatUsd, type Nano } from "./money.ts";
import type { WorkItemState } from "./work-item-state.ts";

export interface StatusCardInput {
  workflow: { name: string; passes: { id: string; agent: string; gateKind: string; criteria: readonly string[] }[]; budgetUsd?: Nano | undefined; forecastUsd?: Nano | undefined };
  state: WorkItemState;
  stateReason: string | null;
  currentPass: string | null;
  passRuns: { passId: string; state: string; prNumber: number | null; iteration: number; tier?: string | null; followUpIssue?: number | null; reuseNote?: string | null }[];
  spentUsd: Nano;
  /** What the artifact cache saved the work item (reused outputs instead of model calls). */
  savedUsd?: Nano | undefined;
  audit: { at: Date; actor: string; action: string; detail: string | null; commitSha: string | null }[];
  pinnedSha: string | null;
  /** What the default branch's protection lacks (advice for an admin). */
  protectionNote?: string | null | undefined;
  /** The analyst's proposal, for a plain `pitwall` label. */
  proposal?: { workflow: string; confidence: string } | null | undefined;
  pausedFrom?: WorkItemState | null | undefined;
  /** The work item's forecast and what it is based on. */
  forecast?: { usd: Nano | null; basis: string | null } | undefined;
  /** Why a budget holds the work item, if one does. */
  budgetHold?: string | null | undefined;
  tierOverride?: string | null | undefined;
  /** The running pass (or a queued start: the analyst) is paused: what it waits for outside Pitwall and when it tries again. */
  waiting?: string | null | undefined;
}

const stateLabel: Record<WorkItemState, string> = {
  proposed: "💡 workflow proposed",
  queued: "⏳ queued",
  running: "🏃 running",
  awaiting_gate: "🚦 awaiting gate",
  rework: "🔁 rework",
  escalated: "🙋 needs a person",
  paused: "⏸️ paused",
  blocked: "⛔ blocked",
  failed: "❌ failed",
  cancelled: "🚫 cancelled",
  done: "✅ done",
};

/** The status card: one comment on the issue that Pitwall keeps editing. */
export function renderStatusCard(input: StatusCardInput): string {
  const paused = input.state === "paused" && input.pausedFrom ? ` (was ${stateLabel[input.pausedFrom].replace(/^\S+ /, "")}; \`/resume\` continues)` : "";
  const state = input.waiting && (input.state === "running" || input.state === "queued") ? `⏸️ paused — ${tableCell(input.waiting)}` : `${stateLabel[input.state]}${paused}${input.stateReason ? ` — ${tableCell(input.stateReason)}` : ""}`;
  const lines = [`## 🏁 Pitwall · \`${input.workflow.name}\` workflow`, "", `**State:** ${state}`, ""];
  if (input.proposal && input.state === "proposed") {
    lines.push(`The analyst proposes the \`${input.proposal.workflow}\` workflow (${input.proposal.confidence} confidence). Reply \`/workflow ${input.proposal.workflow}\` to start it, or \`/workflow <name>\` for another.`, "");
  }
  if (input.workflow.passes.length > 0) {
    lines.push("| pass | agent | gate | state | iteration | pull request |", "| --- | --- | --- | --- | --- | --- |");
    for (const pass of input.workflow.passes) {
      const latest = input.passRuns.filter((run) => run.passId === pass.id).at(-1);
      const isCurrent = pass.id === input.currentPass;
      const state = latest ? `${passStateLabel(latest.state)}${latest.reuseNote ? ` (${tableCell(latest.reuseNote)})` : ""}` : isCurrent && input.state === "queued" ? "queued" : "—";
      const iteration = latest ? `${latest.iteration}${latest.tier ? ` (${latest.tier})` : ""}` : "";
      const pr = [latest?.prNumber ? `#${latest.prNumber}` : "", latest?.followUpIssue ? `follow-up #${latest.followUpIssue}` : ""].filter(Boolean).join(" · ");
      lines.push(`| ${isCurrent ? `**${pass.id}**` : pass.id} | ${pass.agent} | ${pass.gateKind} | ${state} | ${iteration} | ${pr} |`);
    }
  }
  const current = input.workflow.passes.find((pass) => pass.id === input.currentPass);
  if (current && (input.state === "awaiting_gate" || input.state === "escalated")) {
    const how = current.gateKind === "human" || current.gateKind === "both" ? "reply `/approve` on the pull request when these hold, or `/reject <why>`" : "these are checked before the pass merges";
    lines.push("", `**Current gate (${current.id}, ${current.gateKind}):** ${how}:`);
    lines.push(...current.criteria.map((criterion) => `- [ ] ${criterion}`));
  }
  if (input.tierOverride && input.currentPass) lines.push("", `The next run of \`${input.currentPass}\` uses the \`${input.tierOverride}\` tier (set with \`/tier\`).`);
  const budget = input.workflow.budgetUsd === undefined ? "no budget set" : `budget ${formatUsd(input.workflow.budgetUsd)}`;
  const forecastUsd = input.forecast?.usd ?? input.workflow.forecastUsd ?? null;
  const basis = input.forecast?.basis ?? "workflow default, no history yet";
  const forecast = forecastUsd === null ? "" : input.state === "done" ? ` · forecast ${formatUsd(forecastUsd)}, actual ${formatUsd(input.spentUsd)}` : ` · forecast ${formatUsd(forecastUsd)} (${basis})`;
  const saved = input.savedUsd !== undefined && input.savedUsd > 0n ? ` · saved ${formatUsd(input.savedUsd)} by the artifact cache` : "";
  lines.push("", `**Cost so far:** ${formatUsd(input.spentUsd)} · ${budget}${forecast}${saved}`);
  if (input.budgetHold) lines.push("", `> [!CAUTION]\n> Held by a budget: ${input.budgetHold}. A budget owner can answer \`/approve budget\`.`);
  if (input.protectionNote) lines.push("", `> [!IMPORTANT]\n> ${input.protectionNote}`);
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

const passStateLabels: Record<string, string> = {
  queued: "⏳ queued",
  running: "🏃 running",
  awaiting_gate: "🚦 awaiting gate",
  merged: "✅ merged",
  reused: "♻️ reused",
  superseded: "↩️ superseded",
  failed: "❌ failed",
  closed: "🚫 closed",
};

function passStateLabel(state: string): string {
  return passStateLabels[state] ?? state;
}
