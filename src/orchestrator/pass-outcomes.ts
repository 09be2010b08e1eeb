import { editedSinceApproval, gitBlobSha, mergeReads, passOutcomeKey, readsStillHold } from "../domain/pass-outcome.ts";
import { formatUsd, sumNano } from "../domain/money.ts";
import type { Agent } from "../definitions/definition-set.ts";
import type { PassDefinition } from "../definitions/workflow.schema.ts";
import type { VersionedSnapshot } from "../agents/workspace.ts";
import { applyDecision } from "./apply-decision.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { recordCacheHit, type CallContext } from "./model-calls.ts";
import { performEffects } from "./perform-effects.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";
import type { CurrentGate } from "./gate/current-gate.ts";
import { passAfter } from "./pass-order.ts";
import type { GitHubPort } from "./github-port.ts";
import type { PassOutcome, PassRunRecord, WorkItemRecord } from "../domain/types.ts";
import { repoOf } from "./repo-of.ts";

// The pass-outcome cache in the orchestrator (the decisions are in cost/pass-outcome.ts): the
// key of a pass's first iteration, the lookup that lets a re-run reuse a pass whose inputs are
// unchanged, and the approved outcome stored when a pass merges.

/** The key of a pass's first iteration: its agent, tier, definition, the issue and its input artifacts. */
export function outcomeKeyFor(agent: Agent, pass: PassDefinition, tier: string, issue: { title: string; body: string }, artifacts: Readonly<Record<string, string>>, folder: string): string {
  return passOutcomeKey({
    agent: agent.name,
    agentVersion: agent.version,
    agentPrompt: agent.prompt,
    tier,
    passDefinition: JSON.stringify(pass),
    issue,
    inputs: Object.fromEntries(pass.inputs.filter((name) => name !== "issue").map((name) => [name, artifacts[name] === undefined ? null : gitBlobSha(artifacts[name])])),
    outputFolder: folder,
  });
}

export interface ReusableOutcome {
  outcome: PassOutcome;
  /** Outputs a person changed on the default branch after the pass's approval: they stand. */
  edited: string[];
}

/**
 * The approved outcome stored under `key`, if the repo still reads as it did when the pass ran
 * (every file its agent read, at `headSha`, outside the work item's own products). Outputs on
 * the default branch that differ from it are a person's edit only when this outcome is the
 * pass's latest approval; otherwise they came from a run on other inputs, and the pass runs.
 * `why` says why a stored outcome was not reused.
 */
export async function findReusableOutcome(deps: OrchestratorDeps, item: WorkItemRecord, passId: string, key: string, head: VersionedSnapshot): Promise<{ reusable: ReusableOutcome } | { reusable: undefined; why: string | null }> {
  const outcome = await deps.store.findPassOutcome(key);
  if (!outcome) return { reusable: undefined, why: null };
  const now = { files: await blobShasAt(head, Object.keys(outcome.reads.files)), listing: outcome.reads.listing === null ? null : await head.listFiles() };
  const check = readsStillHold(outcome.reads, now, await deps.store.workItemProducts(item.id));
  if (!check.holds) {
    const shown = check.changed.slice(0, 10).join(", ");
    return { reusable: undefined, why: `files its agent read changed: ${shown}${check.changed.length > 10 ? ` and ${check.changed.length - 10} more` : ""}` };
  }
  const edited = editedSinceApproval(outcome.outputs, await blobShasAt(head, Object.keys(outcome.outputs)));
  if (edited.length > 0 && (await deps.store.latestOutcomeKey(item.id, passId)) !== key) {
    return { reusable: undefined, why: `its outputs on the default branch came from a run on other inputs (${edited.map((path) => `\`${path}\``).join(", ")})` };
  }
  return { reusable: { outcome, edited } };
}

/**
 * Reuses the pass's approved outcome instead of running it: a ledger row at $0 with what it
 * saves, the reservation released, the pass run marked reused, and the work item moves on.
 */
export async function reusePass(
  deps: OrchestratorDeps,
  github: GitHubPort,
  target: { item: WorkItemRecord; pass: PassDefinition; run: PassRunRecord; headSha: string; callContext: CallContext },
  { outcome, edited }: ReusableOutcome,
): Promise<void> {
  const { item, pass, run, callContext } = target;
  await recordCacheHit(deps, callContext, outcome, outcome.costUsd);
  await deps.store.settleReservation(run.id, deps.clock.now());
  const note = edited.length === 0 ? "inputs unchanged" : `inputs unchanged; kept the edit of ${edited.map((path) => `\`${path}\``).join(", ")} on the default branch`;
  const next = passAfter(item, pass.id);
  const { item: updated, effects } = await applyDecision(
    deps,
    item.id,
    { type: "pass_reused", passId: pass.id, nextPass: next?.id ?? null },
    { actor: "pitwall", action: `pass ${pass.id} reused from the artifact cache`, detail: `${note}; saved ${formatUsd(outcome.costUsd)}`, commitSha: target.headSha },
    { trigger: "first" },
    (tx) => tx.updatePassRun(run.id, { state: "reused", reuseNote: note, finishedAt: deps.clock.now() }).then(() => undefined),
  );
  await refreshStatusCard(deps, github, updated.id);
  await performEffects(deps, github, updated, effects);
}

/**
 * Stores the pass's approved outcome when it merges: the files it committed as they are at the
 * approved head, what its agent read of the repo in every iteration, and everything the pass
 * cost to get there (what a reuse saves). Safe to run again.
 */
export async function rememberOutcome(deps: OrchestratorDeps, github: GitHubPort, { item, pass, run }: CurrentGate): Promise<void> {
  const runs = (await deps.store.listPassRuns(item.id)).filter((candidate) => candidate.passId === pass.id);
  const key = runs.find((candidate) => candidate.iteration === 1)?.outcomeKey;
  if (!key) return;
  const approved = github.repoSnapshot(repoOf(item), run.headSha);
  const outputs = await blobShasAt(approved, [...new Set(runs.flatMap((candidate) => candidate.writtenPaths))]);
  const rows = (await Promise.all(runs.map((candidate) => deps.store.listLedger({ workItemId: item.id, passRunId: candidate.id })))).flat();
  const made = rows.filter((row) => row.agent === pass.agent && !row.cacheHit).at(-1) ?? rows.at(-1);
  await deps.store.storePassOutcome(
    {
      key,
      workItemId: item.id,
      passId: pass.id,
      agent: pass.agent,
      reads: mergeReads(...runs.map((candidate) => candidate.reads)),
      outputs,
      provider: made?.provider ?? "none",
      model: made?.model ?? "none",
      costUsd: sumNano(rows.map((row) => row.usd)),
    },
    deps.clock.now(),
  );
}

/** Each path's blob SHA at the snapshot's commit (null: absent). */
async function blobShasAt(snapshot: VersionedSnapshot, paths: readonly string[]): Promise<Record<string, string | null>> {
  return Object.fromEntries(await Promise.all(paths.map(async (path) => [path, (await snapshot.blobSha(path)) ?? null] as const)));
}
