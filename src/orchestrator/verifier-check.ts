import { neutraliseModelText } from "../domain/neutralise-model-text.ts";
import { toAnnotations } from "../verifiers/annotations.ts";
import { isDeterministicVerifier, verifierConclusion } from "../verifiers/conclusion.ts";
import { rankFindings } from "../verifiers/signal.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { newJob } from "../scheduler/new-job.ts";
import { jobKinds } from "./jobs.ts";
import type { CurrentGate } from "./gate/current-gate.ts";
import type { GitHubPort } from "./github-port.ts";
import type { VerifierFinding, VerifierRunRecord, WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";
import { lockKeyOf } from "./jobs.ts";

/** The buttons every verifier check run offers. */
export const verifierActions = [
  { label: "Re-run", description: "Run this verifier again on this commit", identifier: "rerun" },
  { label: "Escalate to human", description: "Hand the work item to a person", identifier: "escalate" },
] as const;

export function verifierExternalId(workItemId: number, passId: string, iteration: number, verifier: string, headSha: string): string {
  return `verifier:${workItemId}:${passId}:${iteration}:${verifier}:${headSha.slice(0, 12)}`;
}

/** Runs a verifier again on its commit, on the same check run (the button never adds one). */
export async function rerunVerifier(deps: OrchestratorDeps, item: WorkItemRecord, verifierRunId: number): Promise<void> {
  await deps.store.updateVerifierRun(verifierRunId, { state: "queued", budgetStop: null });
  await deps.enqueue(
    newJob(
      jobKinds.runVerifier,
      { workItemId: item.id, verifierRunId },
      { dedupeKey: `run_verifier:${verifierRunId}:${deps.clock.now().getTime()}`, lockKey: lockKeyOf(item) },
      { workflow: item.definitions?.workflow },
    ),
  );
}

/**
 * Completes (or re-completes, after a waiver) a verifier's check run from what is stored: its
 * conclusion recomputed from the verdict and the unwaived findings, the findings ranked,
 * deduplicated and capped as the config says, sent as annotations (only those not sent before:
 * GitHub appends), and a summary with what was not annotated one by one.
 */
export async function publishVerifierCheck(deps: OrchestratorDeps, github: GitHubPort, gate: CurrentGate, verifierRunId: number): Promise<"success" | "failure" | "neutral"> {
  const { item, pass, run } = gate;
  const repo = repoOf(item);
  const verifierRun = await deps.store.getVerifierRun(verifierRunId);
  const waivers = await deps.store.listWaivers(run.id);
  const waived = new Set(waivers.map((waiver) => waiver.findingId));
  const deterministic = isDeterministicVerifier(verifierRun.verifier);
  const conclusion = verifierConclusion({ verdict: verifierRun.verdict, deterministic, findings: verifierRun.findings, waived });
  const settings = item.definitions?.config.verifiers ?? { max_annotations: 200, min_severity: "note" as const };
  const standing = verifierRun.findings.filter((finding) => !waived.has(finding.id));
  // Deduplicated across the verifiers of this commit: a problem another verifier already reported
  // is annotated once, by the first, naming the others.
  const others = (await deps.store.listVerifierRuns(run.id, verifierRun.headSha)).filter((other) => other.id !== verifierRun.id && other.state === "completed");
  const located = [verifierRun, ...others].flatMap((owner) => locate(owner, waived));
  const ranked = rankFindings(located, { maxAnnotations: settings.max_annotations, minSeverity: settings.min_severity });
  const mine = { ...ranked, annotated: ranked.annotated.filter((finding) => finding.owner === verifierRun.id) };
  const lineCounts = new Map<string, number>();
  for (const path of new Set(mine.annotated.map((finding) => finding.path))) {
    const text = await github.readRepoFile(repo, path, run.headSha);
    if (text !== undefined) lineCounts.set(path, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
  }
  const sent = new Set(verifierRun.annotatedIds);
  // A verifier's summary and findings are a model's text (or quote the pass's files): data.
  const { annotations, unplaced } = toAnnotations(
    mine.annotated.filter((finding) => !sent.has(finding.id)).map((finding) => ({ ...finding, title: neutraliseModelText(finding.title), message: neutraliseModelText(finding.message) })),
    lineCounts,
  );
  const unlocated = standing.filter((finding) => finding.path === undefined);
  const summary = [
    neutraliseModelText(verifierRun.summary ?? ""),
    "",
    `**${standing.length} finding${standing.length === 1 ? "" : "s"}** (${countBy(standing)})${waivers.length > 0 ? ` · ${waivers.length} waived` : ""}. Waive one with \`/waive <id> <why>\` on the pull request (gate approvers).`,
    ...(mine.summarised.length > 0 ? ["", "Not annotated one by one:", ...mine.summarised.map((group) => `- ${group.count} ${group.severity} finding${group.count === 1 ? "" : "s"} (${group.verifiers.join(", ")})`)] : []),
    ...([...unplaced, ...unlocated.map((finding) => ({ ...finding, path: finding.path ?? "(no file)" }))].length > 0
      ? ["", "Findings without a place in the pull request's files:", ...[...unplaced, ...unlocated].map((finding) => `- \`${finding.id}\` **${finding.severity}** ${finding.path ? `\`${neutraliseModelText(finding.path)}\`: ` : ""}${neutraliseModelText(finding.message)}`)]
      : []),
    ...(waivers.length > 0 ? ["", "Waived:", ...waivers.map((waiver) => `- \`${waiver.findingId}\` by @${waiver.actor}: ${waiver.reason}`)] : []),
  ].join("\n");
  const checkRunId = await github.upsertCheckRun(
    repo,
    {
      name: `pitwall/${verifierRun.verifier}`,
      headSha: verifierRun.headSha,
      externalId: verifierExternalId(item.id, pass.id, run.iteration, verifierRun.verifier, verifierRun.headSha),
      status: "completed",
      conclusion,
      title: conclusion === "success" ? (standing.length > 0 ? `Passed with ${standing.length} finding${standing.length === 1 ? "" : "s"}` : "Passed") : conclusion === "failure" ? `${standing.length} finding${standing.length === 1 ? "" : "s"}` : "No verdict",
      summary,
      wholeAt: `the whole verdict and its findings are kept in Pitwall's store with verifier run ${verifierRun.id}`,
      annotations,
      actions: verifierActions,
    },
    verifierRun.checkRunId,
  );
  const nowSent = mine.annotated.filter((finding) => lineCounts.has(finding.path)).map((finding) => finding.id);
  await deps.store.updateVerifierRun(verifierRun.id, { state: "completed", conclusion, checkRunId, annotatedIds: [...new Set([...sent, ...nowSent])] });
  return conclusion;
}

/** A verifier run's unwaived findings that point at a file, ready to rank. */
function locate(owner: VerifierRunRecord, waived: ReadonlySet<string>) {
  return owner.findings.flatMap((finding) =>
    finding.path === undefined || waived.has(finding.id)
      ? []
      : [{ owner: owner.id, id: finding.id, verifier: owner.verifier, path: finding.path, startLine: finding.startLine ?? 1, endLine: finding.endLine ?? finding.startLine ?? 1, severity: finding.severity, title: finding.title, message: finding.message }],
  );
}

function countBy(findings: readonly VerifierFinding[]): string {
  const counts = ["error", "warning", "note"].map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const).filter(([, count]) => count > 0);
  return counts.map(([severity, count]) => `${count} ${severity}${count === 1 ? "" : "s"}`).join(", ") || "none";
}
