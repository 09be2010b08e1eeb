import type { Sql } from "./sql.ts";
import { updateSet } from "./update-set.ts";

export const passRunStates = ["running", "awaiting_gate", "merged", "failed"] as const;
export type PassRunState = (typeof passRunStates)[number];

export interface PassRunRecord {
  id: number;
  workItemId: number;
  passId: string;
  iteration: number;
  state: PassRunState;
  agent: string;
  branch: string | null;
  prNumber: number | null;
  headSha: string | null;
  gateCheckRunId: number | null;
  costCommentId: number | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

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
  started_at: Date;
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
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

/** Starts iteration `iteration` of a pass, or returns it if a retried job already started it. */
export async function startPassRun(sql: Sql, run: { workItemId: number; passId: string; iteration: number; agent: string; now: Date }): Promise<PassRunRecord> {
  await sql.query(
    `insert into pass_runs (work_item_id, pass_id, iteration, state, agent, started_at) values ($1, $2, $3, 'running', $4, $5)
     on conflict (work_item_id, pass_id, iteration) do nothing`,
    [run.workItemId, run.passId, run.iteration, run.agent, run.now],
  );
  const rows = await sql.query<PassRunRow>("select * from pass_runs where work_item_id = $1 and pass_id = $2 and iteration = $3", [
    run.workItemId,
    run.passId,
    run.iteration,
  ]);
  if (!rows[0]) throw new Error(`pass run ${run.passId}#${run.iteration} could not be started`);
  return toPassRun(rows[0]);
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

export async function findPassRunByPullRequest(sql: Sql, repo: { owner: string; name: string }, prNumber: number): Promise<PassRunRecord | undefined> {
  const rows = await sql.query<PassRunRow>(
    `select p.* from pass_runs p join work_items w on w.id = p.work_item_id
     where w.repo_owner = $1 and w.repo_name = $2 and p.pr_number = $3 order by p.iteration desc limit 1`,
    [repo.owner, repo.name, prNumber],
  );
  return rows[0] ? toPassRun(rows[0]) : undefined;
}

export interface PassRunChanges {
  state?: PassRunState;
  branch?: string;
  prNumber?: number;
  headSha?: string;
  gateCheckRunId?: number;
  costCommentId?: number;
  error?: string | null;
  finishedAt?: Date;
}

const columns: Record<keyof PassRunChanges, string> = {
  state: "state",
  branch: "branch",
  prNumber: "pr_number",
  headSha: "head_sha",
  gateCheckRunId: "gate_check_run_id",
  costCommentId: "cost_comment_id",
  error: "error",
  finishedAt: "finished_at",
};

export async function updatePassRun(sql: Sql, id: number, changes: PassRunChanges): Promise<PassRunRecord> {
  const { sets, values } = updateSet(columns, changes, 2);
  if (sets.length === 0) throw new Error("updatePassRun needs at least one change");
  const rows = await sql.query<PassRunRow>(`update pass_runs set ${sets.join(", ")} where id = $1 returning *`, [id, ...values]);
  if (!rows[0]) throw new Error(`pass run ${id} not found`);
  return toPassRun(rows[0]);
}
