import { evaluateGate, type GateVerdict } from "../../domain/evaluate-gate.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { gateExternalId, renderGateSummary } from "../gate-summary.ts";
import type { GitHubPort } from "../github-port.ts";
import type { CurrentGate } from "./current-gate.ts";
import { readGateFacts } from "./read-gate-facts.ts";
import { repoOf } from "../repo-of.ts";

/**
 * Reads the gate's facts, evaluates them and publishes the verdict as `pitwall/gate` on the
 * head. Anything that fails while reading keeps the gate pending. Merges nothing.
 */
export async function publishGateCheck(deps: OrchestratorDeps, github: GitHubPort, gate: CurrentGate): Promise<GateVerdict> {
  const { item, pass, run } = gate;
  const repo = repoOf(item);
  const verdict = evaluateGate(await readGateFacts(deps, github, gate));
  const stale = verdict.stale[0];
  const sinceApproval = stale ? await github.compareCommits(repo, stale.commitSha, run.headSha).then((diff) => ({ from: stale.commitSha, ...diff })).catch(() => undefined) : undefined;
  const gateCheckRunId = await github.upsertCheckRun(
    repo,
    {
      name: "pitwall/gate",
      headSha: run.headSha,
      externalId: gateExternalId(item.id, pass.id, run.iteration),
      status: verdict.met ? "completed" : "in_progress",
      conclusion: verdict.met ? "success" : undefined,
      title: verdict.title,
      summary: renderGateSummary({ gate: pass.gate, verdict, initiator: item.initiator, sinceApproval, humanMerge: pass.gate.merge === "human" }),
    },
    run.gateCheckRunId,
  );
  if (gateCheckRunId !== run.gateCheckRunId) await deps.store.updatePassRun(run.id, { gateCheckRunId });
  return verdict;
}

