import type { RepoReads } from "../domain/pass-outcome.ts";
import type { Tier } from "../definitions/model-names.ts";
import type { Sql } from "./sql.ts";
import { updateSet } from "./update-set.ts";
import type { NewPassRun, PassRunChanges, PassRunRecord, PassRunState, PassRunTrigger } from "../domain/types.ts";

interface PassRunRow {
  id: number;
  work_item_id: number;
  pass_id: string;
  iteration: number;
  state: PassRunState;
  agent: string;
  branch: string | null;
  pr_number: number | null;
  head_sha: string | null;
  gate_check_run_id: number | null;
  cost_comment_id: number | null;
  error: string | null;
  trigger: PassRunTrigger;
  tier: Tier | null;
  tier_reason: string | null;
  feedback: string | null;
  tree_sha: string | null;
  ci_feedback_sha: string | null;
  deployment_id: number | null;
  deployment_state: string | null;
  deployment_url: string | null;
  follow_up_issue: number | null;
  head_at: Date | null;
  switches: string[];
  outcome_key: string | null;
  reads: RepoReads | null;
  written_paths: string[];
  reuse_note: string | null;
  started_at: Date | null;
  finished_at: Date | null;
}

const toPassRun = (row: PassRunRow): PassRunRecord => ({
  id: row.id,
  workItemId: row.work_item_id,
  passId: row.pass_id,
  iteration: row.iteration,
  state: row.state,
  agent: row.agent,
  branch: row.branch,
  prNumber: row.pr_number,
  headSha: row.head_sha,
  gateCheckRunId: row.gate_check_run_id,
  costCommentId: row.cost_comment_id,
  error: row.error,
  trigger: row.trigger,
  tier: row.tier,
  tierReason: row.tier_reason,
  feedback: row.feedback,
  treeSha: row.tree_sha,
  ciFeedbackSha: row.ci_feedback_sha,
  deploymentId: row.deployment_id,
  deploymentState: row.deployment_state,
  deploymentUrl: row.deployment_url,
  followUpIssue: row.follow_up_issue,
  headAt: row.head_at,
  switches: row.switches,
  outcomeKey: row.outcome_key,
  reads: row.reads,
  writtenPaths: row.written_paths,
  reuseNote: row.reuse_note,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

/**
 * Records iteration `iteration` of a pass as decided (state `queued`), once: deciding it again
 * (a retried job) returns the existing row.
 */
export async function queuePassRun(sql: Sql, run: NewPassRun): Promise<PassRunRecord> {
  await sql.query(
    `insert into pass_runs (work_item_id, pass_id, iteration, state, agent, trigger, tier, tier_reason, feedback, branch, pr_number)
     values ($1, $2, $3, 'queued', $4, $5, $6, $7, $8, $9, $10)
     on conflict (work_item_id, pass_id, iteration) do nothing`,
    [run.workItemId, run.passId, run.iteration, run.agent, run.trigger, run.tier ?? null, run.tierReason ?? null, run.feedback ?? null, run.branch ?? null, run.prNumber ?? null],
  );
  const found = await findPassRun(sql, run.workItemId, run.passId, run.iteration);
  if (!found) throw new Error(`pass run ${run.passId}#${run.iteration} could not be recorded`);
  return found;
}

export async function findPassRun(sql: Sql, workItemId: number, passId: string, iteration: number): Promise<PassRunRecord | undefined> {
  const rows = await sql.query<PassRunRow>("select * from pass_runs where work_item_id = $1 and pass_id = $2 and iteration = $3", [workItemId, passId, iteration]);
  return rows[0] ? toPassRun(rows[0]) : undefined;
}

export async function getPassRun(sql: Sql, id: number): Promise<PassRunRecord> {
  const rows = await sql.query<PassRunRow>("select * from pass_runs where id = $1", [id]);
  if (!rows[0]) throw new Error(`pass run ${id} not found`);
  return toPassRun(rows[0]);
}

/** The pass run whose PR head is `sha` (CI results arrive by commit). */
export function findPassRunByHeadSha(sql: Sql, repo: { owner: string; name: string }, sha: string): Promise<PassRunRecord | undefined> {
  return latestInRepo(sql, repo, "head_sha", sha);
}

/** The latest pass run that committed to `branch` (`pitwall/<issue>/<pass>`). */
export function findPassRunByBranch(sql: Sql, repo: { owner: string; name: string }, branch: string): Promise<PassRunRecord | undefined> {
  return latestInRepo(sql, repo, "branch", branch);
}

/** The latest iteration whose PR is `prNumber` (every iteration of a pass shares its PR). */
export function findPassRunByPullRequest(sql: Sql, repo: { owner: string; name: string }, prNumber: number): Promise<PassRunRecord | undefined> {
  return latestInRepo(sql, repo, "pr_number", prNumber);
}

async function latestInRepo(sql: Sql, repo: { owner: string; name: string }, column: "head_sha" | "pr_number" | "branch", value: string | number): Promise<PassRunRecord | undefined> {
  const rows = await sql.query<PassRunRow>(
    `select p.* from pass_runs p join work_items w on w.id = p.work_item_id
     where w.repo_owner = $1 and w.repo_name = $2 and p.${column} = $3 order by p.id desc limit 1`,
    [repo.owner, repo.name, value],
  );
  return rows[0] ? toPassRun(rows[0]) : undefined;
}

export async function findPassRunByDeployment(sql: Sql, deploymentId: number): Promise<PassRunRecord | undefined> {
  const rows = await sql.query<PassRunRow>("select * from pass_runs where deployment_id = $1", [deploymentId]);
  return rows[0] ? toPassRun(rows[0]) : undefined;
}

/**
 * Sets a work item's pass runs aside when it switches workflow: they keep their history (gate
 * decisions, ledger rows) under `<pass>@<workflow>`, and the new workflow's passes start fresh
 * even where their ids repeat.
 */
export async function archivePassRuns(sql: Sql, workItemId: number, workflow: string): Promise<void> {
  await sql.query("update pass_runs set pass_id = pass_id || '@' || $2 where work_item_id = $1 and position('@' in pass_id) = 0", [workItemId, workflow]);
}

export async function listPassRuns(sql: Sql, workItemId: number): Promise<PassRunRecord[]> {
  const rows = await sql.query<PassRunRow>("select * from pass_runs where work_item_id = $1 order by id", [workItemId]);
  return rows.map(toPassRun);
}

/** The latest iteration of a pass. */
export async function latestPassRun(sql: Sql, workItemId: number, passId: string): Promise<PassRunRecord | undefined> {
  const rows = await sql.query<PassRunRow>("select * from pass_runs where work_item_id = $1 and pass_id = $2 order by iteration desc limit 1", [
    workItemId,
    passId,
  ]);
  return rows[0] ? toPassRun(rows[0]) : undefined;
}


const columns: Record<keyof PassRunChanges, string> = {
  state: "state",
  branch: "branch",
  prNumber: "pr_number",
  headSha: "head_sha",
  gateCheckRunId: "gate_check_run_id",
  costCommentId: "cost_comment_id",
  error: "error",
  tier: "tier",
  tierReason: "tier_reason",
  treeSha: "tree_sha",
  ciFeedbackSha: "ci_feedback_sha",
  deploymentId: "deployment_id",
  deploymentState: "deployment_state",
  deploymentUrl: "deployment_url",
  followUpIssue: "follow_up_issue",
  headAt: "head_at",
  switches: "switches",
  outcomeKey: "outcome_key",
  reads: "reads",
  writtenPaths: "written_paths",
  reuseNote: "reuse_note",
  startedAt: "started_at",
  finishedAt: "finished_at",
};

export async function updatePassRun(sql: Sql, id: number, changes: PassRunChanges): Promise<PassRunRecord> {
  const { sets, values } = updateSet(columns, changes, 2);
  if (sets.length === 0) throw new Error("updatePassRun needs at least one change");
  const rows = await sql.query<PassRunRow>(`update pass_runs set ${sets.join(", ")} where id = $1 returning *`, [id, ...values]);
  if (!rows[0]) throw new Error(`pass run ${id} not found`);
  return toPassRun(rows[0]);
}
