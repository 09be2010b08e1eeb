import type { Sql } from "./sql.ts";
import { redactSecrets } from "../agents/secret-scanner.ts";
import type { GateDecision, GateDecisionKind } from "../domain/types.ts";

export async function recordGateDecision(sql: Sql, decision: GateDecision): Promise<void> {
  await sql.query(
    `insert into gate_decisions (work_item_id, pass_run_id, decision, actor, actor_permission, commit_sha, reason, source_comment_id, decided_at, source, written_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      decision.workItemId,
      decision.passRunId,
      decision.decision,
      decision.actor,
      decision.actorPermission,
      decision.commitSha,
      // A `/reject` reason is a person's words: stored redacted, like the audit trail.
      decision.reason === null ? null : redactSecrets(decision.reason).text,
      decision.sourceCommentId,
      decision.decidedAt,
      decision.source ?? "comment",
      decision.writtenAt ?? null,
    ],
  );
}

export async function listGateDecisions(sql: Sql, passRunId: number): Promise<GateDecision[]> {
  const rows = await sql.query<{
    work_item_id: number;
    pass_run_id: number | null;
    decision: GateDecisionKind;
    actor: string;
    actor_permission: string;
    commit_sha: string | null;
    reason: string | null;
    source_comment_id: number | null;
    decided_at: Date;
    source: "comment" | "review";
    written_at: Date | null;
  }>("select * from gate_decisions where pass_run_id = $1 order by id", [passRunId]);
  return rows.map((row) => ({
    workItemId: row.work_item_id,
    passRunId: row.pass_run_id,
    decision: row.decision,
    actor: row.actor,
    actorPermission: row.actor_permission,
    commitSha: row.commit_sha,
    reason: row.reason,
    sourceCommentId: row.source_comment_id,
    decidedAt: row.decided_at,
    source: row.source,
    writtenAt: row.written_at,
  }));
}
