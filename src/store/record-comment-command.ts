import type { Sql } from "./sql.ts";

export interface CommentCommandRecord {
  commentId: number;
  /** The comment's `updated_at` on GitHub: one edit is one version. */
  updatedAt: Date;
  kind: "acted" | "edit_answered";
  repoFullName: string;
}

/**
 * Records that a comment's commands were taken up (or an edit of it answered). Returns false when
 * its commands were taken up already, or this version of it was seen: a replay changes nothing.
 * An edit is answered once per comment, however often it is edited: each answer is one more
 * comment a person can make Pitwall write.
 */
export async function recordCommentCommand(sql: Sql, record: CommentCommandRecord): Promise<boolean> {
  const rows = await sql.query<{ comment_id: number }>(
    `insert into comment_commands (comment_id, updated_at, kind, repo_full_name)
     select $1::bigint, $2::timestamptz, $3::text, $4::text
     where not exists (select 1 from comment_commands where comment_id = $1::bigint and (kind = 'acted' or updated_at = $2::timestamptz or $3::text = 'edit_answered'))
     on conflict do nothing returning comment_id`,
    [record.commentId, record.updatedAt, record.kind, record.repoFullName],
  );
  // (An INSERT … SELECT does not type its parameters from the columns on PostgreSQL: hence the casts.)
  return rows.length === 1;
}
