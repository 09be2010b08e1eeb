// Finders over the state. GitHub matches logins and repo names case-insensitively.
import type { World } from "./world.ts";
import type { IssueRecord, LabelRecord, PullRecord, RepoRecord, StatusRecord, UserRecord } from "../types.ts";

export const repoKey = (owner: string, name: string): string => `${owner}/${name}`.toLowerCase();

export const findUser = (w: World, login: string): UserRecord | undefined => w.state.users.get(login.toLowerCase());

export const findRepo = (w: World, key: string): RepoRecord | undefined => w.state.repos.get(key.toLowerCase());

export function requireUser(w: World, login: string): UserRecord {
  const user = findUser(w, login);
  if (!user) throw new Error(`wind tunnel: unknown user "${login}" (create it with gh.createUser)`);
  return user;
}

export function requireRepo(w: World, key: string): RepoRecord {
  const repo = findRepo(w, key);
  if (!repo) throw new Error(`wind tunnel: unknown repository "${key}" (create it with gh.createRepo)`);
  return repo;
}

export function findIssue(w: World, repo: RepoRecord, number: number): IssueRecord | undefined {
  for (const issue of w.state.issues.values()) if (issue.repoKey === repo.key && issue.number === number) return issue;
  return undefined;
}

export function findPull(w: World, repo: RepoRecord, number: number): PullRecord | undefined {
  for (const pull of w.state.pulls.values()) if (pull.repoKey === repo.key && pull.number === number) return pull;
  return undefined;
}

export function pullForIssue(w: World, issue: IssueRecord): PullRecord | undefined {
  for (const pull of w.state.pulls.values()) if (pull.issueId === issue.id) return pull;
  return undefined;
}

export function issueOf(w: World, pull: PullRecord): IssueRecord {
  const issue = w.state.issues.get(pull.issueId);
  if (!issue) throw new Error(`wind tunnel: pull request #${pull.number} lost its issue`);
  return issue;
}

export function findLabel(w: World, repo: RepoRecord, name: string): LabelRecord | undefined {
  const wanted = name.toLowerCase();
  for (const label of w.state.labels.values()) if (label.repoKey === repo.key && label.name.toLowerCase() === wanted) return label;
  return undefined;
}

export function repoOf(w: World, key: string): RepoRecord {
  const repo = findRepo(w, key);
  if (!repo) throw new Error(`wind tunnel: repository ${key} vanished`);
  return repo;
}

/** The newest status per context for a commit, newest first. */
export function latestStatuses(w: World, repoKey: string, sha: string): StatusRecord[] {
  const all = [...w.state.statuses.values()].filter((s) => s.repoKey === repoKey && s.sha === sha).sort((a, b) => b.id - a.id);
  return all.filter((s, i) => all.findIndex((o) => o.context === s.context) === i);
}
