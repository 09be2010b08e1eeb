// Raising the webhooks that follow a change. An issue-level change on a pull request is a
// `pull_request` event (GitHub sends `pull_request.labeled`, not `issues.labeled`, for PRs).
import { pullForIssue, repoOf } from "../core/lookup.ts";
import { renderIssue } from "../render/issue.ts";
import { renderPull } from "../render/pull.ts";
import { envelope } from "../webhooks/envelope.ts";
import type { World } from "../core/world.ts";
import type { IssueRecord, PullRecord, UserRecord } from "../types.ts";

export function emitPullEvent(w: World, pull: PullRecord, action: string, actor: UserRecord, extra: Record<string, unknown> = {}): void {
  const repo = repoOf(w, pull.repoKey);
  w.emit("pull_request", envelope(w, repo, actor, { action, number: pull.number, pull_request: renderPull(w, pull), ...extra }));
}

export function emitIssueEvent(w: World, issue: IssueRecord, action: string, actor: UserRecord, extra: Record<string, unknown> = {}): void {
  const pull = issue.isPull ? pullForIssue(w, issue) : undefined;
  if (pull) return emitPullEvent(w, pull, action, actor, extra);
  const repo = repoOf(w, issue.repoKey);
  w.emit("issues", envelope(w, repo, actor, { action, issue: renderIssue(w, issue), ...extra }));
}
