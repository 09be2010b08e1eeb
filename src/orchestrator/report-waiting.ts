import { neutraliseModelText } from "../domain/neutralise-model-text.ts";
import type { OrchestratorDeps } from "./deps.ts";
import { jobKinds, runPassPayload, startWorkItemPayload } from "./jobs.ts";
import { refreshStatusCard } from "./refresh-status-card.ts";

/** What a job waits for outside Pitwall, and when it tries again. */
export interface OutsideWait {
  /** `GitHub`, `anthropic`, `the database's disk`. */
  waitingFor: string;
  /** `rate limit`, `overloaded`, `disk full`. */
  reason: string;
  nextTryAt: Date;
}

/** The paused state as the card shows it: the reason, who Pitwall waits for, the next try. */
export function describeWait(wait: OutsideWait): string {
  return `waiting for ${wait.waitingFor}: ${wait.reason}, next try at ${wait.nextTryAt.toISOString().replace("T", " ").slice(0, 19)} UTC; Pitwall resumes by itself`;
}

/**
 * A pass's job waits for the outside (a vendor's outage, a full disk): its run keeps the paused
 * state (the next attempt clears it), the audit trail says so and the card shows it. Nothing is
 * said on GitHub while GitHub itself limits Pitwall. Each step is tried alone: with a full disk
 * the store refuses writes, yet the card can still say why nothing moves.
 */
export async function reportWaiting(deps: OrchestratorDeps, kind: string, payload: unknown, wait: OutsideWait): Promise<void> {
  if (kind === jobKinds.startWorkItem) return reportStartWaiting(deps, payload, wait);
  if (kind !== jobKinds.runPass) return;
  const job = runPassPayload.parse(payload);
  const item = await deps.store.getWorkItem(job.workItemId);
  if (item.currentPass !== job.passId || item.iteration !== job.iteration || item.state !== "running") return;
  const text = neutraliseModelText(describeWait(wait));
  const tryAlone = (what: string, step: () => Promise<unknown>) => step().catch((error: unknown) => deps.log.warn({ err: error, workItemId: item.id }, `could not record a pass's wait (${what})`));
  await tryAlone("pass run", async () => {
    const run = await deps.store.findPassRun(item.id, job.passId, job.iteration);
    if (run?.state === "running") await deps.store.updatePassRun(run.id, { error: text });
  });
  await tryAlone("audit trail", () => deps.store.appendAudit({ workItemId: item.id, actor: "pitwall", action: `pass ${job.passId} paused`, detail: text, commitSha: null, at: deps.clock.now() }));
  if (wait.waitingFor === "GitHub") return;
  await refreshStatusCard(deps, await deps.githubFor(item.installationId), item.id, undefined, text);
}

/**
 * A start waits for the outside (the analyst's vendor is down): the work item, still queued
 * without a pass, says so in its audit trail and on its card until the job's retry finishes it.
 */
async function reportStartWaiting(deps: OrchestratorDeps, payload: unknown, wait: OutsideWait): Promise<void> {
  const job = startWorkItemPayload.parse(payload);
  const item = await deps.store.findWorkItemByIssue({ owner: job.owner, name: job.repo }, job.issueNumber);
  if (!item || item.state !== "queued" || item.currentPass !== null || wait.waitingFor === "GitHub") return;
  const text = neutraliseModelText(describeWait(wait));
  await deps.store.appendAudit({ workItemId: item.id, actor: "pitwall", action: "start paused", detail: text, commitSha: null, at: deps.clock.now() }).catch((error: unknown) => deps.log.warn({ err: error, workItemId: item.id }, "could not record a start's wait (audit trail)"));
  await refreshStatusCard(deps, await deps.githubFor(item.installationId), item.id, undefined, text);
}
