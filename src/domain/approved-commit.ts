import { earlierSecond } from "./github-time.ts";

/**
 * The commit an `/approve` is for. It was recorded at the head Pitwall knew when it ran; but when
 * GitHub's times show it was written after the current head was pushed (that push's webhook came
 * later than the comment's), it was written looking at the current head and counts for it.
 * Written in the same second as the push is not "after": GitHub's times have one-second precision,
 * and an approval must never count for a commit its author may not have seen.
 */
export function approvedCommit(approval: { commitSha: string; source: "comment" | "review"; writtenAt: Date | null }, head: { sha: string; at: Date | null }): string {
  if (approval.source !== "comment" || approval.commitSha === head.sha || approval.writtenAt === null || head.at === null) return approval.commitSha;
  return earlierSecond(head.at, approval.writtenAt) ? head.sha : approval.commitSha;
}
