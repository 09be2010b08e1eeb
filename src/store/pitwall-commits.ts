import type { Sql } from "./sql.ts";

/** Records a commit Pitwall created on a pass run's branch (never a head it found there). */
export async function recordPitwallCommit(sql: Sql, passRunId: number, sha: string): Promise<void> {
  await sql.query("insert into pitwall_commits (pass_run_id, sha) values ($1, $2) on conflict do nothing", [passRunId, sha]);
}

/** The commits Pitwall created for `prNumber` of the work item, over all its iterations. */
export async function listPitwallCommits(sql: Sql, workItemId: number, prNumber: number): Promise<Set<string>> {
  const rows = await sql.query<{ sha: string }>(
    `select c.sha from pitwall_commits c join pass_runs p on p.id = c.pass_run_id
     where p.work_item_id = $1 and p.pr_number = $2`,
    [workItemId, prNumber],
  );
  return new Set(rows.map((row) => row.sha));
}

/** Whether Pitwall created `sha` for this pass run (an earlier attempt of the same job, say). */
export async function hasPitwallCommit(sql: Sql, passRunId: number, sha: string): Promise<boolean> {
  const rows = await sql.query<{ sha: string }>("select sha from pitwall_commits where pass_run_id = $1 and sha = $2", [passRunId, sha]);
  return rows.length > 0;
}
