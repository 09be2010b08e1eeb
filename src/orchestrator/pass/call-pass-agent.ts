import { runAgent, type AgentResult } from "../../agents/run-agent.ts";
import { artifactsContract, type Submission } from "../../agents/submission.schema.ts";
import { artifactCacheKey } from "../../domain/artifact-cache-key.ts";
import type { CachedRun } from "../../domain/types.ts";
import type { ProviderName } from "../../providers/types.ts";
import type { OrchestratorDeps } from "../deps.ts";
import { ledgerCalls } from "../ledger-calls.ts";
import { recordCacheHit } from "../model-calls.ts";
import type { PassAgentContext } from "./assemble-pass-context.ts";
import type { PassSpending } from "./guard-pass-spending.ts";
import type { PreparedPass } from "./prepare-pass.ts";

/** The agent's answer, and the cache entry it came from (when it did) under its key. */
export interface PassAgentCall {
  result: AgentResult<Submission>;
  cached: { entry: CachedRun } | undefined;
  cacheKey: string;
}

/**
 * The artifact cache: the same agent, tier, pass and prompt (and repo commit, for a tool loop)
 * gives the same outputs; a hit reuses them at zero model cost and the ledger records the saving.
 * Otherwise the agent runs, each call fenced and held to the pass's reservation.
 */
export async function callPassAgent(deps: OrchestratorDeps, prepared: PreparedPass, spending: PassSpending, context: PassAgentContext): Promise<PassAgentCall> {
  const { fence, definitions, pass, agent, route } = prepared;
  const { guard, callContext } = spending;
  const { prompt, loop } = context;
  const writesCode = agent.access.write.some((glob) => !glob.startsWith(`${definitions.config.artifacts.folder}/`));
  const cacheKey = artifactCacheKey({ agent: agent.name, agentVersion: agent.version, tier: route.tier, passId: pass.id, system: prompt.system, prompt: prompt.user, tools: agent.tools, repoAt: loop.tools ? context.baseSha : null });
  const cached = await deps.store.findCachedRun(cacheKey);
  const ledgered = ledgerCalls(deps, callContext);
  if (cached) await recordCacheHit(deps, callContext, cached.entry, cached.costUsd);
  const result = cached
    ? { ok: true as const, submission: cached.entry.submission, ref: { provider: cached.entry.provider as ProviderName, model: cached.entry.model }, switches: [], turns: 0, redactions: [] }
    : await runAgent({
        agent,
        // An agent with write tools proposes files through them; one without may list them in its submission.
        submit: artifactsContract(pass.outputs, { allowFiles: writesCode && !loop.writes, writeGlobs: agent.access.write }),
        prompt,
        candidates: route.candidates,
        providers: ledgered.providers,
        tools: loop.tools,
        beforeCall: async (next) => {
          await fence.check();
          return guard.beforeCall(next);
        },
        onCall: ledgered.onCall,
        signal: deps.signal,
      });
  return { result, cached, cacheKey };
}
