import { budgetOf } from "../../domain/budget-policy.ts";
import type { VerifierFinding } from "../../domain/types.ts";
import { findingId } from "../../verifiers/signal.ts";
import { mentions } from "../budget-gate.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { postPassCostSummary } from "../model-calls.ts";
import { publishVerifierCheck } from "../verifier-check.ts";
import type { PreparedVerifier } from "./prepare-verifier.ts";
import type { VerifierOutcome } from "./run-verifier-agent.ts";

/** The verdict (or why there is none) on the verifier run and its check run, and the pass's cost summary updated. */
export async function recordVerdict(deps: OrchestratorDeps, prepared: PreparedVerifier, outcome: VerifierOutcome): Promise<void> {
  const { gate, verifierRun, definitions, agent, github, repo } = prepared;
  const { item, pass, run } = gate;
  const { result, stopped } = outcome;
  // No verdict is not a pass: the check ends neutral and the gate stays closed (fail closed).
  const findings: VerifierFinding[] = result.ok
    ? result.submission.findings.map((finding) => ({
        id: findingId({ verifier: agent.name, path: finding.path ?? "", startLine: finding.line ?? 0, message: finding.message }),
        path: finding.path,
        startLine: finding.line,
        endLine: finding.line,
        severity: finding.severity,
        title: `${agent.name}: ${finding.severity}`,
        message: finding.message,
      }))
    : [];
  // A budget with no room for its next call stops it without a verdict; `/approve budget` runs it again.
  const budgetStop = stopped?.reason ?? null;
  const rerun = `An owner can run it again with \`/approve budget\` on #${item.issueNumber}.`;
  await deps.store.updateVerifierRun(verifierRun.id, {
    verdict: result.ok ? result.submission.verdict : null,
    summary: result.ok ? result.submission.summary : budgetStop ? `No verdict: stopped by a budget: ${budgetStop}. ${rerun}` : `No verdict: ${result.error}`,
    findings,
    budgetStop,
  });
  if (stopped) {
    await github.postComment(repo, item.issueNumber, `🏁 ${mentions(stopped.budget.owners)} the \`${agent.name}\` verifier of pass \`${pass.id}\` stopped: ${stopped.reason}. ${rerun}`);
  }
  await publishVerifierCheck(deps, github, gate, verifierRun.id);
  // The pass's cost summary counts its verifiers' calls too: edit it in place.
  const current = await deps.store.getPassRun(run.id);
  const withSwitches = result.switches.length === 0 ? current : await deps.store.updatePassRun(run.id, { switches: [...current.switches, ...result.switches.map((line) => `${agent.name}: ${line}`)] });
  await postPassCostSummary(deps, github, item, withSwitches, pass.id, budgetOf(definitions.workflow));
}
