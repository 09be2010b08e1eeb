import type { Sql } from "./sql.ts";
import { redactSecrets } from "../agents/secret-scanner.ts";
import type { FindingWaiver } from "../domain/types.ts";

/** Records a waiver once per finding of a pass run; returns false when it was already waived. */
export async function recordWaiver(sql: Sql, waiver: FindingWaiver): Promise<boolean> {
  const rows = await sql.query<{ id: number }>(
    `insert into finding_waivers (work_item_id, pass_run_id, finding_id, actor, reason, commit_sha, waived_at) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (pass_run_id, finding_id) do nothing returning id`,
    // The reason is a person's words: stored redacted, like the audit trail.
    [waiver.workItemId, waiver.passRunId, waiver.findingId, waiver.actor, redactSecrets(waiver.reason).text, waiver.commitSha, waiver.waivedAt],
  );
  return rows.length > 0;
}

export async function listWaivers(sql: Sql, passRunId: number): Promise<FindingWaiver[]> {
  const rows = await sql.query<{ work_item_id: number; pass_run_id: number; finding_id: string; actor: string; reason: string; commit_sha: string | null; waived_at: Date }>(
    "select * from finding_waivers where pass_run_id = $1 order by id",
    [passRunId],
  );
  return rows.map((row) => ({ workItemId: row.work_item_id, passRunId: row.pass_run_id, findingId: row.finding_id, actor: row.actor, reason: row.reason, commitSha: row.commit_sha, waivedAt: row.waived_at }));
}
