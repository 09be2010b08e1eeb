import { neutraliseModelText } from "../../domain/neutralise-model-text.ts";
import { approvedCommit } from "../../domain/approved-commit.ts";
import { needsVerifiers, type CiFacts, type GateFacts, type OutputStatus } from "../../domain/evaluate-gate.ts";
import { deterministicVerifierNames } from "../../verifiers/conclusion.ts";
import { artifactFolder } from "../artifact-path.ts";
import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort } from "../github-port.ts";
import type { CurrentGate } from "./current-gate.ts";
import { repoOf } from "../repo-of.ts";

/**
 * What `evaluateGate` judges, read from GitHub and the store: the outputs at the head, the
 * approvals, the verifiers, CI and the deployment. A read that fails is recorded in `errors`
 * (the gate then stays pending) instead of failing the job.
 */
export async function readGateFacts(deps: OrchestratorDeps, github: GitHubPort, { item, pass, run }: CurrentGate): Promise<GateFacts> {
  const repo = repoOf(item);
  const errors: string[] = [];
  const guard = async <T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  };
  const folder = artifactFolder(item.definitions?.config.artifacts.folder ?? "docs/work", item.issueNumber, item.issueTitle);
  const outputs = await Promise.all(
    pass.outputs.map(async (name) => {
      const text = await guard(`reading ${name}`, () => github.readRepoFile(repo, `${folder}/${name}`, run.headSha), undefined);
      const status: OutputStatus = text === undefined ? "missing" : text.trim() === "" ? "empty" : "ok";
      return { name, status };
    }),
  );
  const decisions = await deps.store.listGateDecisions(run.id);
  const approvals = decisions.flatMap((decision) => {
    if (decision.decision !== "approve" || !decision.commitSha) return [];
    const source = decision.source ?? "comment";
    return [{ actor: decision.actor, commitSha: approvedCommit({ commitSha: decision.commitSha, source, writtenAt: decision.writtenAt ?? null }, { sha: run.headSha, at: run.headAt }), source }];
  });
  const verifierRuns = await deps.store.listVerifierRuns(run.id, run.headSha);
  // The code verifiers gate every pass; the gate's own verifiers gate agent and both gates.
  const required = [...deterministicVerifierNames, ...(needsVerifiers(pass.gate) ? pass.gate.verifiers : [])];
  const verifiers = required.map((name) => {
    const found = verifierRuns.find((candidate) => candidate.verifier === name);
    // A verifier's summary is a model's text: data in the gate's summary and on the card.
    return { name, conclusion: found?.state === "completed" ? found.conclusion : null, summary: found?.summary ? neutraliseModelText(found.summary) : undefined };
  });
  let ci: CiFacts | undefined;
  if (pass.gate.kind === "ci") {
    ci = await guard("reading the repo's checks", () => github.readPullRequestCi(repo, run.prNumber, run.headSha), undefined);
  }
  const deployment = pass.deploy ? { environment: pass.deploy.environment, state: run.deploymentState, url: run.deploymentUrl, timeoutMinutes: pass.deploy.timeout_minutes } : undefined;
  return { gate: pass.gate, headSha: run.headSha, outputs, approvals, verifiers, ci, deployment, errors };
}
