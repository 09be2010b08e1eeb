// A person transfers an issue to another repository or deletes it. GitHub sends
// `issues.transferred` to the old repository (`changes.new_issue`, `changes.new_repository`) and
// `issues.opened` to the new one; `issues.deleted` for a deletion. Afterwards the old number
// answers 404 in the old repository, and its comments go with it.
import { emitIssueEvent } from "../actions/emit-events.ts";
import { insertIssue } from "../actions/issue-actions.ts";
import { findIssue, requireRepo } from "../core/lookup.ts";
import { renderIssue } from "../render/issue.ts";
import { renderRepo } from "../render/repo.ts";
import { userFor } from "./seed-repo.ts";
import type { World } from "../core/world.ts";
import type { IssueRecord } from "../types.ts";

function issueIn(w: World, repoName: string, number: number): IssueRecord {
  const issue = findIssue(w, requireRepo(w, repoName), number);
  if (!issue || issue.isPull) throw new Error(`wind tunnel: ${repoName}#${number} is not an issue`);
  return issue;
}

function removeIssue(w: World, issue: IssueRecord): void {
  w.state.issues.delete(issue.id);
  for (const [id, comment] of w.state.comments) if (comment.issueId === issue.id) w.state.comments.delete(id);
}

export function transferIssue(w: World, repoName: string, number: number, toRepo: string, by: string): IssueRecord {
  const issue = issueIn(w, repoName, number);
  const actor = userFor(w, by);
  const target = requireRepo(w, toRepo);
  const author = [...w.state.users.values()].find((user) => user.id === issue.authorId) ?? actor;
  const moved = insertIssue(w, target, { title: issue.title, body: issue.body, author });
  emitIssueEvent(w, issue, "transferred", actor, { changes: { new_issue: renderIssue(w, moved), new_repository: renderRepo(w, target) } });
  removeIssue(w, issue);
  emitIssueEvent(w, moved, "opened", actor);
  return moved;
}

export function deleteIssue(w: World, repoName: string, number: number, by: string): void {
  const issue = issueIn(w, repoName, number);
  emitIssueEvent(w, issue, "deleted", userFor(w, by));
  removeIssue(w, issue);
}
