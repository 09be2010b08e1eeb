// Opening and editing issues (and the issue half of pull requests).
import { emitIssueEvent } from "./emit-events.ts";
import { addLabels, setLabels } from "./label-actions.ts";
import { isoSeconds, nodeId } from "../core/ids.ts";
import { pullForIssue, repoOf } from "../core/lookup.ts";
import { branchSha } from "../git/refs.ts";
import type { World } from "../core/world.ts";
import type { IssueRecord, RepoRecord, UserRecord } from "../types.ts";

export interface NewIssue {
  title: string;
  body: string | null;
  author: UserRecord;
  labels?: string[];
  assigneeIds?: number[];
  isPull?: boolean;
}

export function insertIssue(w: World, repo: RepoRecord, input: NewIssue): IssueRecord {
  const id = w.ids("issue");
  const now = isoSeconds(w.now());
  const issue: IssueRecord = {
    id,
    nodeId: nodeId(input.isPull ? "PullRequestIssue" : "Issue", id),
    repoKey: repo.key,
    number: repo.nextNumber++,
    title: input.title,
    body: input.body,
    state: "open",
    stateReason: null,
    authorId: input.author.id,
    labelIds: [],
    assigneeIds: input.assigneeIds ?? [],
    locked: false,
    isPull: input.isPull ?? false,
    viaApp: input.author.login === `${w.app.slug}[bot]`,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedById: null,
  };
  w.state.issues.set(id, issue);
  return issue;
}

/** POST /issues and gh.createIssue: `issues.opened`, then `issues.labeled` per label, as GitHub sends them. */
export function openIssue(w: World, repo: RepoRecord, input: NewIssue): IssueRecord {
  const issue = insertIssue(w, repo, input);
  emitIssueEvent(w, issue, "opened", input.author);
  if (input.labels?.length) addLabels(w, repo, issue, input.labels, input.author);
  return issue;
}

export interface IssueChanges {
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  stateReason?: IssueRecord["stateReason"];
  labels?: string[];
  assigneeIds?: number[];
}

export function updateIssue(w: World, repo: RepoRecord, issue: IssueRecord, changes: IssueChanges, actor: UserRecord): void {
  const now = isoSeconds(w.now());
  const edited: Record<string, { from: unknown }> = {};
  if (changes.title !== undefined && changes.title !== issue.title) {
    edited.title = { from: issue.title };
    issue.title = changes.title;
  }
  if (changes.body !== undefined && changes.body !== issue.body) {
    edited.body = { from: issue.body };
    issue.body = changes.body;
  }
  if (changes.assigneeIds) issue.assigneeIds = changes.assigneeIds;
  if (Object.keys(edited).length > 0) {
    issue.updatedAt = now;
    emitIssueEvent(w, issue, "edited", actor, { changes: edited });
  }
  if (changes.labels) setLabels(w, repo, issue, changes.labels, actor);
  if (changes.state !== undefined && changes.state !== issue.state) setIssueState(w, issue, changes.state, changes.stateReason ?? null, actor);
}

export function setIssueState(w: World, issue: IssueRecord, state: "open" | "closed", reason: IssueRecord["stateReason"], actor: UserRecord): void {
  const now = isoSeconds(w.now());
  issue.state = state;
  issue.updatedAt = now;
  if (state === "closed") {
    issue.closedAt = now;
    issue.closedById = actor.id;
    issue.stateReason = issue.isPull ? null : (reason ?? "completed");
  } else {
    issue.closedAt = null;
    issue.closedById = null;
    issue.stateReason = issue.isPull ? null : "reopened";
  }
  const pull = issue.isPull ? pullForIssue(w, issue) : undefined;
  if (pull) {
    // a closed PR keeps the base it had; a reopened one follows its head branch again
    if (state === "closed" && !pull.merged) pull.baseSha = branchSha(repoOf(w, pull.repoKey), pull.baseRef) ?? pull.baseSha;
    else pull.headSha = branchSha(repoOf(w, pull.headRepoKey), pull.headRef) ?? pull.headSha;
  }
  emitIssueEvent(w, issue, state === "closed" ? "closed" : "reopened", actor);
}
