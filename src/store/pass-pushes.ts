import type { Sql } from "./sql.ts";

/** Records who pushed `headSha` to a pass run's PR (a `pull_request.synchronize` sender); a redelivery adds nothing. */
export async function recordPassPush(sql: Sql, push: { passRunId: number; sender: string; headSha: string }): Promise<void> {
  await sql.query("insert into pass_pushes (pass_run_id, sender, head_sha) values ($1, $2, $3) on conflict do nothing", [push.passRunId, push.sender, push.headSha]);
}

/** Everyone recorded as pushing to `prNumber` of the work item, over all its iterations (they share the PR). */
export async function listPassPushers(sql: Sql, workItemId: number, prNumber: number): Promise<string[]> {
  const rows = await sql.query<{ sender: string }>(
    `select distinct s.sender from pass_pushes s join pass_runs p on p.id = s.pass_run_id
     where p.work_item_id = $1 and p.pr_number = $2 order by s.sender`,
    [workItemId, prNumber],
  );
  return rows.map((row) => row.sender);
}
