import { nanoToUsd, usdToNano } from "../domain/money.ts";
import type { PinnedDefinitions } from "../definitions/definition-set.ts";
import type { LifecycleHold, PausableState, WorkItemState } from "../domain/work-item-state.ts";
import type { Tier } from "../definitions/model-names.ts";
import type { Sql } from "./sql.ts";
import { updateSet } from "./update-set.ts";
import type { NewWorkItem, RepoRef, WorkflowProposal, WorkItemChanges, WorkItemRecord } from "../domain/types.ts";

interface WorkItemRow {
  id: number;
  installation_id: number;
  repo_owner: string;
  repo_name: string;
  issue_number: number;
  issue_title: string;
  workflow: string;
  state: WorkItemState;
  state_reason: string | null;
  current_pass: string | null;
  pinned_sha: string | null;
  definitions: PinnedDefinitions | null;
  initiator: string;
  issue_author: string | null;
  status_comment_id: number | null;
  iteration: number;
  paused_from: PausableState | null;
  tier_override: Tier | null;
  protection_note: string | null;
  proposal: WorkflowProposal | null;
  forecast_usd: string | null;
  forecast_basis: string | null;
  budget_approved_for: string | null;
  budget_hold: string | null;
  size_signal: number | null;
  run_number: number;
  label: string | null;
  hold: LifecycleHold | null;
  hold_paused: boolean;
  stop_epoch: number;
  created_at: Date;
}

const toWorkItem = (row: WorkItemRow): WorkItemRecord => ({
  id: row.id,
  installationId: row.installation_id,
  repo: { owner: row.repo_owner, name: row.repo_name },
  issueNumber: row.issue_number,
  issueTitle: row.issue_title,
  workflow: row.workflow,
  state: row.state,
  stateReason: row.state_reason,
  currentPass: row.current_pass,
  pinnedSha: row.pinned_sha,
  definitions: row.definitions,
  initiator: row.initiator,
  issueAuthor: row.issue_author,
  statusCommentId: row.status_comment_id,
  iteration: row.iteration,
  pausedFrom: row.paused_from,
  tierOverride: row.tier_override,
  protectionNote: row.protection_note,
  proposal: row.proposal,
  forecastUsd: row.forecast_usd === null ? null : usdToNano(String(row.forecast_usd)),
  forecastBasis: row.forecast_basis,
  budgetApprovedFor: row.budget_approved_for,
  budgetHold: row.budget_hold,
  sizeSignal: row.size_signal,
  runNumber: row.run_number,
  label: row.label,
  hold: row.hold,
  holdPaused: row.hold_paused,
  stopEpoch: row.stop_epoch,
  createdAt: row.created_at,
});

/** Creates the work item for an issue, once: returns `created: false` with the existing one otherwise. */
export async function createWorkItem(sql: Sql, item: NewWorkItem): Promise<{ created: boolean; workItem: WorkItemRecord }> {
  const inserted = await sql.query<WorkItemRow>(
    `insert into work_items (installation_id, repo_owner, repo_name, issue_number, issue_title, workflow, state, initiator, label, created_at, updated_at, issue_author)
     values ($1, $2, $3, $4, $5, $6, 'queued', $7, $9, $8, $8, $10)
     on conflict (repo_owner, repo_name, issue_number) do nothing returning *`,
    [item.installationId, item.repo.owner, item.repo.name, item.issueNumber, item.issueTitle, item.workflow, item.initiator, item.now, item.label ?? null, item.issueAuthor ?? null],
  );
  if (inserted[0]) return { created: true, workItem: toWorkItem(inserted[0]) };
  const existing = await findWorkItemByIssue(sql, item.repo, item.issueNumber);
  if (!existing) throw new Error(`work item for ${item.repo.owner}/${item.repo.name}#${item.issueNumber} vanished during creation`);
  return { created: false, workItem: existing };
}

export async function findWorkItemByIssue(sql: Sql, repo: RepoRef, issueNumber: number): Promise<WorkItemRecord | undefined> {
  const rows = await sql.query<WorkItemRow>("select * from work_items where repo_owner = $1 and repo_name = $2 and issue_number = $3", [
    repo.owner,
    repo.name,
    issueNumber,
  ]);
  return rows[0] ? toWorkItem(rows[0]) : undefined;
}

/** The work item, its row locked until the transaction ends: decisions from two jobs apply one after the other. */
export async function lockWorkItem(tx: Sql, id: number): Promise<WorkItemRecord> {
  const rows = await tx.query<WorkItemRow>("select * from work_items where id = $1 for update", [id]);
  if (!rows[0]) throw new Error(`work item ${id} not found`);
  return toWorkItem(rows[0]);
}

export async function getWorkItem(sql: Sql, id: number): Promise<WorkItemRecord> {
  const rows = await sql.query<WorkItemRow>("select * from work_items where id = $1", [id]);
  if (!rows[0]) throw new Error(`work item ${id} not found`);
  return toWorkItem(rows[0]);
}

const columns: Record<keyof WorkItemChanges, string> = {
  state: "state",
  stateReason: "state_reason",
  currentPass: "current_pass",
  pinnedSha: "pinned_sha",
  definitions: "definitions",
  workflow: "workflow",
  statusCommentId: "status_comment_id",
  iteration: "iteration",
  pausedFrom: "paused_from",
  tierOverride: "tier_override",
  runNumber: "run_number",
  protectionNote: "protection_note",
  proposal: "proposal",
  forecastUsd: "forecast_usd",
  forecastBasis: "forecast_basis",
  budgetApprovedFor: "budget_approved_for",
  budgetHold: "budget_hold",
  sizeSignal: "size_signal",
  label: "label",
  hold: "hold",
  holdPaused: "hold_paused",
  stopEpoch: "stop_epoch",
};

export async function updateWorkItem(sql: Sql, id: number, changes: WorkItemChanges, now: Date): Promise<WorkItemRecord> {
  // Money leaves as an exact decimal string (a numeric column), never as a bigint parameter.
  const { sets, values } = updateSet(columns, { ...changes, forecastUsd: changes.forecastUsd == null ? changes.forecastUsd : nanoToUsd(changes.forecastUsd) }, 3);
  const rows = await sql.query<WorkItemRow>(`update work_items set ${["updated_at = $2", ...sets].join(", ")} where id = $1 returning *`, [id, now, ...values]);
  if (!rows[0]) throw new Error(`work item ${id} not found`);
  return toWorkItem(rows[0]);
}

/** A stop from outside a running job: every job that began before it sees another epoch and stops. */
export async function raiseStopEpoch(sql: Sql, id: number): Promise<void> {
  await sql.query("update work_items set stop_epoch = stop_epoch + 1 where id = $1", [id]);
}

/** The work items of an installation (optionally of some of its repositories) that are not finished. */
export async function listLiveWorkItems(sql: Sql, installationId: number, repos?: readonly RepoRef[]): Promise<WorkItemRecord[]> {
  const rows = await sql.query<WorkItemRow>("select * from work_items where installation_id = $1 and state not in ('done', 'cancelled') order by id", [installationId]);
  const wanted = repos?.map((repo) => `${repo.owner}/${repo.name}`.toLowerCase());
  return rows.map(toWorkItem).filter((item) => !wanted || wanted.includes(`${item.repo.owner}/${item.repo.name}`.toLowerCase()));
}
