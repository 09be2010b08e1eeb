// Repository labels and the labels on an issue or pull request.
import { emitIssueEvent } from "./emit-events.ts";
import { nodeId } from "../core/ids.ts";
import { findLabel } from "../core/lookup.ts";
import { renderLabel } from "../render/label.ts";
import { isoSeconds } from "../core/ids.ts";
import type { World } from "../core/world.ts";
import type { IssueRecord, LabelRecord, RepoRecord, UserRecord } from "../types.ts";

export function createLabel(w: World, repo: RepoRecord, name: string, color = "ededed", description: string | null = null): LabelRecord {
  const id = w.ids("label");
  const label: LabelRecord = { id, nodeId: nodeId("Label", id), repoKey: repo.key, name, color: color.replace(/^#/, "").toLowerCase(), description, default: false };
  w.state.labels.set(id, label);
  return label;
}

/** Adding a label that the repo lacks creates it, as the REST API and the UI do. */
export function ensureLabel(w: World, repo: RepoRecord, name: string): LabelRecord {
  return findLabel(w, repo, name) ?? createLabel(w, repo, name);
}

function touch(w: World, issue: IssueRecord): void {
  issue.updatedAt = isoSeconds(w.now());
}

/** GitHub keeps each label change in the issue's event log, with who made it. */
function logLabelEvent(w: World, issue: IssueRecord, event: "labeled" | "unlabeled", label: LabelRecord, actor: UserRecord): void {
  w.state.issueEvents.push({ id: w.ids("issueEvent"), issueId: issue.id, event, actorId: actor.id, labelName: label.name, labelColor: label.color, createdAt: isoSeconds(w.now()) });
}

export function addLabels(w: World, repo: RepoRecord, issue: IssueRecord, names: string[], actor: UserRecord): void {
  for (const name of names) {
    const label = ensureLabel(w, repo, name);
    if (issue.labelIds.includes(label.id)) continue;
    issue.labelIds.push(label.id);
    touch(w, issue);
    logLabelEvent(w, issue, "labeled", label, actor);
    emitIssueEvent(w, issue, "labeled", actor, { label: renderLabel(w, label) });
  }
}

export function removeLabel(w: World, issue: IssueRecord, label: LabelRecord, actor: UserRecord): void {
  if (!issue.labelIds.includes(label.id)) return;
  issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  touch(w, issue);
  logLabelEvent(w, issue, "unlabeled", label, actor);
  emitIssueEvent(w, issue, "unlabeled", actor, { label: renderLabel(w, label) });
}

export function setLabels(w: World, repo: RepoRecord, issue: IssueRecord, names: string[], actor: UserRecord): void {
  const wanted = names.map((name) => ensureLabel(w, repo, name));
  for (const id of [...issue.labelIds]) {
    const label = w.state.labels.get(id);
    if (label && !wanted.some((l) => l.id === id)) removeLabel(w, issue, label, actor);
  }
  addLabels(w, repo, issue, wanted.map((l) => l.name), actor);
}
