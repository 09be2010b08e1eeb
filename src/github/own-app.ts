import type { OwnApp } from "../orchestrator/github-port.ts";

/** What GitHub says about who wrote a comment. */
export interface CommentAuthorship {
  user?: { login: string } | null;
  performed_via_github_app?: { id: number } | null;
}

/**
 * Whether this app itself wrote the comment: its bot is the author (a login no person or other
 * app can hold), and no other app is named as acting. Anything else — a person, another app —
 * may copy Pitwall's hidden markers, so only these comments are trusted to carry them.
 */
export function isOwnComment(comment: CommentAuthorship, own: OwnApp): boolean {
  const byBot = comment.user?.login.toLowerCase() === own.login.toLowerCase();
  const app = comment.performed_via_github_app;
  return byBot && (app === null || app === undefined || app.id === own.id);
}
