import { buildVerifierPrompt, type VerifierContext } from "../../agents/build-prompt.ts";
import { runAgent, type AgentResult } from "../../agents/run-agent.ts";
import { verdictContract, type Verdict } from "../../agents/submission.schema.ts";
import { verifierHolder } from "../../domain/verifier-holder.ts";
import { throwIfModelsDown } from "../throw-if-models-down.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { agentTools, recordRedactions, routeModels } from "../model-calls.ts";
import { ledgerCalls } from "../ledger-calls.ts";
import { guardSpending, type NextCallStop } from "../spend-guard.ts";
import type { PreparedVerifier } from "./prepare-verifier.ts";

/** The verifier's answer, and the budget that stopped it when one did. */
export interface VerifierOutcome {
  result: AgentResult<Verdict>;
  stopped: NextCallStop | undefined;
}

/** Runs the verifier's agent on its context, read-only, each call fenced and held to a reservation on the pass run. */
export async function runVerifierAgent(deps: OrchestratorDeps, prepared: PreparedVerifier, context: VerifierContext): Promise<VerifierOutcome> {
  const { gate, verifierRun, definitions, agent, fence, github, repo } = prepared;
  const { item, pass, run } = gate;
  const route = routeModels(definitions, undefined, agent, deps);
  // A verifier reserves for its own calls on the pass run, call by call, like the pass's agent.
  const guard = await guardSpending(deps, item, { passRunId: run.id, holder: verifierHolder(verifierRun.id), approvalKey: `${pass.id}:${run.iteration}`, prices: route.prices });
  const result = await runAgent<Verdict>({
    agent,
    submit: verdictContract(),
    prompt: buildVerifierPrompt(agent, context),
    candidates: route.candidates,
    // Verifiers read; a verifier never writes, whatever its definition says.
    tools: agentTools({ ...agent, access: { write: [] }, tools: agent.tools.filter((tool) => tool !== "write_file" && tool !== "edit_file") }, github.repoSnapshot(repo, run.headSha)).tools,
    beforeCall: async (next) => {
      await fence.check();
      return guard.beforeCall(next);
    },
    // A stop aborts the call (the job is handed back), rather than wait out the grace.
    signal: deps.signal,
    ...ledgerCalls(deps, { workItemId: item.id, passRunId: run.id, iteration: run.iteration, agent: agent.name, tier: route.tier, tierReason: route.reason, prices: route.prices, reservationId: guard.reservationId }),
  }).finally(() => guard.settle());
  await recordRedactions(deps, item.id, agent.name, result.redactions);
  // Every model of the tier is down for now: no verdict is recorded; the job waits and runs the
  // verifier again (its check run is upserted), as a pass does.
  throwIfModelsDown(result, route.tier);
  return { result, stopped: guard.stopped };
}
