import type { Agent, PinnedDefinitions } from "../../definitions/definition-set.ts";
import type { VerifierRunRecord } from "../../domain/types.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort, Repo } from "../github-port.ts";
import type { CurrentGate } from "../gate/current-gate.ts";
import { verifierActions, verifierExternalId } from "../verifier-check.ts";
import { fenceWorkItem, type WorkItemFence } from "../work-item-fence.ts";
import { repoOf } from "../repo-of.ts";

/** A verifier run at its gate, its check run shown in progress. */
export interface PreparedVerifier {
  gate: CurrentGate;
  verifierRun: VerifierRunRecord;
  definitions: PinnedDefinitions;
  agent: Agent;
  fence: WorkItemFence;
  github: GitHubPort;
  repo: Repo;
}

/** Reads the verifier's pinned definition and shows its check run as in progress. */
export async function prepareVerifier(deps: OrchestratorDeps, gate: CurrentGate, verifierRunId: number): Promise<PreparedVerifier> {
  const verifierRun = await deps.store.getVerifierRun(verifierRunId);
  const { item, pass, run } = gate;
  const definitions = item.definitions;
  const agent = definitions?.agents[verifierRun.verifier];
  if (!definitions || !agent) throw new Error(`work item ${item.id} has no pinned verifier ${verifierRun.verifier}`);
  // Every model call and GitHub write first checks that nothing stopped the work item meanwhile.
  const fence = fenceWorkItem(deps, item.id, item.stopEpoch);
  const github = fence.guard(await deps.githubFor(item.installationId));
  const repo = repoOf(item);
  const externalId = verifierExternalId(item.id, pass.id, run.iteration, agent.name, run.headSha);
  const checkRunId = await github.upsertCheckRun(
    repo,
    { name: `pitwall/${agent.name}`, headSha: run.headSha, externalId, status: "in_progress", title: `${agent.name} is reviewing`, summary: `Judging pass \`${pass.id}\` against its gate criteria.`, actions: verifierActions },
    verifierRun.checkRunId,
  );
  await deps.store.updateVerifierRun(verifierRun.id, { state: "running", checkRunId });
  return { gate, verifierRun, definitions, agent, fence, github, repo };
}
