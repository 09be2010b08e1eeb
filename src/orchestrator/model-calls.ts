import { repoToolSpecs, runRepoTool } from "../agents/repo-tools.ts";
import type { AgentTools, ModelCallRecord, Redaction } from "../agents/run-agent.ts";
import { Workspace, type RepoSnapshot } from "../agents/workspace.ts";
import { formatUsd, type Nano } from "../domain/money.ts";
import { budgetOf } from "../domain/budget-policy.ts";
import { renderCostSummary } from "../domain/render-cost-summary.ts";
import type { Agent, PinnedDefinitions } from "../definitions/definition-set.ts";
import type { PassDefinition } from "../definitions/workflow.schema.ts";
import { neutraliseModelText } from "../domain/neutralise-model-text.ts";
import { defaultPriceTable, mergePriceOverrides, priceCall, priceTableDate } from "../providers/prices.ts";
import type { PriceTable } from "../definitions/price-table.schema.ts";
import { candidatesForTier, chooseTier, defaultTierMap, type Boundaries } from "../providers/routing.ts";
import type { ModelRef, Tier } from "../providers/types.ts";
import { commentMarker } from "../domain/comment-marker.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { GitHubPort } from "./github-port.ts";
import type { PassRunRecord, WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";

/** Where a cost comment cut to GitHub's limit sends people: every call is on the ledger. */
const wholeLedger = "every call is on Pitwall's ledger (`GET /api/pitwall/cost`)";

export interface ModelRoute {
  tier: Tier;
  reason: string;
  /** The tier's models as configured. */
  models: readonly string[];
  /** Those whose provider is configured, in order. */
  candidates: ModelRef[];
  prices: PriceTable;
}

/**
 * The tier and models an agent runs on: `override` (escalation, `/tier`), else the pass's or the
 * agent's tier, stepped up when the design says the work crosses boundaries.
 */
export function routeModels(
  definitions: PinnedDefinitions,
  pass: PassDefinition | undefined,
  agent: Agent,
  deps: Pick<OrchestratorDeps, "providers">,
  override?: { tier: Tier; reason: string },
  boundaries?: Boundaries,
  budgetPressure: "none" | "approaching" | "at_limit" = "none",
): ModelRoute {
  const settings = definitions.config;
  const tierMap = { ...defaultTierMap, ...settings.tiers };
  const { tier, reason } = chooseTier({
    base: pass?.tier ?? agent.tier,
    baseReason: pass?.tier ? `set by the ${definitions.workflow.name} workflow` : `the ${agent.name} agent's default`,
    override,
    boundaries,
    budgetPressure,
    escalation: agent.escalation,
  });
  return {
    tier,
    reason,
    models: tierMap[tier],
    candidates: candidatesForTier(tierMap, tier, new Set(deps.providers.keys())),
    prices: mergePriceOverrides(defaultPriceTable, settings.prices),
  };
}

/** The agent's declared tools over a workspace on `snapshot`; none when it declares none. */
export function agentTools(agent: Agent, snapshot: RepoSnapshot): { tools: AgentTools | undefined; workspace: Workspace | undefined; writes: boolean } {
  if (agent.tools.length === 0) return { tools: undefined, workspace: undefined, writes: false };
  const workspace = new Workspace(snapshot, agent.access.write);
  return {
    tools: { specs: repoToolSpecs(agent.tools), run: (call) => runRepoTool(workspace, agent.tools, call) },
    workspace,
    writes: agent.tools.includes("write_file") || agent.tools.includes("edit_file"),
  };
}

/** Secrets redacted from an agent's context, on the audit trail (kinds and places, never values). */
/** What an agent's context budget cut or left out, on the audit trail. */
export async function recordContextCuts(deps: OrchestratorDeps, workItemId: number, agent: string, omitted: readonly string[], commitSha: string | null): Promise<void> {
  if (omitted.length === 0) return;
  await deps.store.appendAudit({ workItemId, actor: "pitwall", action: `context left out for size (${agent})`, detail: omitted.join(", "), commitSha, at: deps.clock.now() });
}

export async function recordRedactions(deps: OrchestratorDeps, workItemId: number, agent: string, redactions: readonly Redaction[]): Promise<void> {
  if (redactions.length === 0) return;
  const places = redactions.slice(0, 10).map((redaction) => `${redaction.kind} in ${redaction.where} (line ${redaction.line})`);
  await deps.store.appendAudit({
    workItemId,
    actor: "pitwall",
    action: `redacted ${redactions.length} secret${redactions.length === 1 ? "" : "s"} before the ${agent} agent saw them`,
    detail: `${places.join("; ")}${redactions.length > places.length ? `; and ${redactions.length - places.length} more` : ""}`,
    commitSha: null,
    at: deps.clock.now(),
  });
}

export interface CallContext {
  workItemId: number;
  passRunId: number | null;
  iteration: number;
  agent: string;
  tier: Tier;
  tierReason: string;
  prices: PriceTable;
  /** The budget reservation the calls are made under (none when no budget applies). */
  reservationId?: number | null;
}

/**
 * One ledger row per model call, priced from the pinned price table. The call is priced here
 * only: what it cost is returned, and the agent run holds itself to its limit with it. With a
 * call id, the row is that call's: written before the call at `capUsd` (not yet answered), then
 * settled with the answer's usage (ledgerCalls).
 */
export async function recordModelCall(deps: OrchestratorDeps, context: CallContext, { ref, response }: ModelCallRecord, call: { id?: string | undefined; capUsd?: Nano } = {}): Promise<Nano> {
  const price = priceCall(response.usage, ref, context.prices);
  const pending = call.capUsd !== undefined;
  await deps.store.appendLedger({
    workItemId: context.workItemId,
    passRunId: context.passRunId,
    iteration: context.iteration,
    agent: context.agent,
    provider: ref.provider,
    model: response.model || ref.model,
    tier: context.tier,
    tierReason: pending ? `${context.tierReason}; no answer received: priced at the call's cap` : context.tierReason,
    ...response.usage,
    usd: call.capUsd ?? price.nanoUsd,
    priced: pending || price.priced,
    priceTableDate,
    latencyMs: Math.round(response.latencyMs),
    cacheHit: false,
    savingUsd: 0n,
    createdAt: deps.clock.now(),
    reservationId: context.reservationId ?? null,
    callId: call.id ?? null,
    answered: !pending,
  });
  return price.nanoUsd;
}

/** A pass served from the artifact cache: a ledger row at $0 that records the hit and what it saved. */
export async function recordCacheHit(deps: OrchestratorDeps, context: CallContext, source: { provider: string; model: string }, savingUsd: Nano): Promise<void> {
  await deps.store.appendLedger({
    workItemId: context.workItemId,
    passRunId: context.passRunId,
    iteration: context.iteration,
    agent: context.agent,
    provider: source.provider,
    model: source.model,
    tier: context.tier,
    tierReason: `${context.tierReason}; artifact cache hit`,
    inputTokens: 0,
    cacheWriteTokens: 0,
    cacheReadTokens: 0,
    outputTokens: 0,
    usd: 0n,
    priced: true,
    priceTableDate,
    latencyMs: 0,
    cacheHit: true,
    savingUsd,
    createdAt: deps.clock.now(),
  });
}

/** The pass run's cost summary on its PR: one comment per iteration, edited in place as its calls are made. */
export async function postPassCostSummary(
  deps: OrchestratorDeps,
  github: GitHubPort,
  item: WorkItemRecord,
  run: PassRunRecord,
  passId: string,
  budgetUsd: Nano | undefined,
): Promise<void> {
  if (run.prNumber === null) return;
  const rows = answeredAs(await deps.store.listLedger({ workItemId: item.id, passRunId: run.id }));
  const body = renderCostSummary({
    title: `Cost of pass \`${passId}\` (iteration ${run.iteration})`,
    rows,
    workItemTotalUsd: await deps.store.workItemSpend(item.id),
    budgetUsd,
    priceTableDate,
    // What a provider answered when it failed is its text: data.
    switches: run.switches.map(neutraliseModelText),
  });
  const id = await github.upsertComment(await deps.ownApp(), repoOf(item), run.prNumber, commentMarker(`cost:${passId}:${run.iteration}`), body, run.costCommentId, { wholeAt: wholeLedger });
  if (id !== run.costCommentId) await deps.store.updatePassRun(run.id, { costCommentId: id });
}

/** `/cost`: every call of the work item so far, on the issue (edited in place). */
export async function postWorkItemCost(deps: OrchestratorDeps, github: GitHubPort, item: WorkItemRecord, final = false): Promise<void> {
  const rows = answeredAs(await deps.store.listLedger({ workItemId: item.id }));
  const forecast = item.forecastUsd === null ? "" : ` · forecast ${formatUsd(item.forecastUsd)}`;
  const body = renderCostSummary({
    title: final ? `Final cost of the work item (${item.workflow} workflow${forecast})` : `Cost of the work item so far (${item.workflow} workflow)`,
    rows,
    workItemTotalUsd: await deps.store.workItemSpend(item.id),
    budgetUsd: budgetOf(item.definitions?.workflow),
    priceTableDate,
    scope: "work item",
  });
  await github.upsertComment(await deps.ownApp(), repoOf(item), item.issueNumber, commentMarker("cost:work-item"), body, undefined, { wholeAt: wholeLedger });
}

/** The model a call names is what its provider answered (`response.model`): data in a cost comment. */
function answeredAs<Row extends { model: string }>(rows: readonly Row[]): Row[] {
  return rows.map((row) => ({ ...row, model: neutraliseModelText(row.model) }));
}
