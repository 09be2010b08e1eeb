import { redactSecrets } from "../agents/secret-scanner.ts";
import type { Sql } from "./sql.ts";
import type { AuditEntry } from "../domain/types.ts";

/** Stores the entry with credentials redacted: details quote people (a `/reject` reason, a waiver) and models. */
export async function appendAudit(sql: Sql, entry: AuditEntry): Promise<void> {
  await sql.query("insert into audit_log (work_item_id, actor, action, detail, commit_sha, at) values ($1, $2, $3, $4, $5, $6)", [
    entry.workItemId,
    entry.actor,
    redactSecrets(entry.action).text,
    entry.detail === null ? null : redactSecrets(entry.detail).text,
    entry.commitSha,
    entry.at,
  ]);
}

export async function listAudit(sql: Sql, workItemId: number): Promise<AuditEntry[]> {
  const rows = await sql.query<{ work_item_id: number; actor: string; action: string; detail: string | null; commit_sha: string | null; at: Date }>(
    "select * from audit_log where work_item_id = $1 order by id",
    [workItemId],
  );
  return rows.map((row) => ({ workItemId: row.work_item_id, actor: row.actor, action: row.action, detail: row.detail, commitSha: row.commit_sha, at: row.at }));
}
