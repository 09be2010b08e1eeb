import type { ChangedFile, Finding } from "../../src/verifiers/index.ts";

// Builders for a pass's change, and a compact, readable form of findings for exact assertions.

export const modified = (path: string, before: string, after: string): ChangedFile => ({ path, status: "modified", before, after });
export const added = (path: string, after: string): ChangedFile => ({ path, status: "added", after });
export const removed = (path: string, before: string): ChangedFile => ({ path, status: "removed", before });
export const renamed = (previousPath: string, path: string, before: string, after = before): ChangedFile => ({ path, previousPath, status: "renamed", before, after });

/** `severity path:line[-end][:column] title` */
export function brief(finding: Finding): string {
  const lines = finding.endLine === finding.startLine ? `${finding.startLine}` : `${finding.startLine}-${finding.endLine}`;
  const column = finding.startColumn === undefined ? "" : `:${finding.startColumn}`;
  return `${finding.severity} ${finding.path}:${lines}${column} ${finding.title}`;
}

/** Replaces exactly one occurrence, so a fixture edit that no longer applies fails the test instead of passing vacuously. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture edit does not apply exactly once: ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
