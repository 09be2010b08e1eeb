import { createHash } from "node:crypto";
import { severityRank, type Finding, type Severity } from "./change.ts";

// Signal over noise: the same problem reported by two verifiers is one annotation, the most
// severe first, and past a cap (or below a severity) findings are counted rather than annotated.

export interface RankOptions {
  /** At most this many findings become annotations. */
  maxAnnotations: number;
  /** Findings less severe than this are summarised, not annotated. */
  minSeverity: Severity;
}

export interface SummarisedFindings {
  severity: Severity;
  count: number;
  /** The verifiers that reported them, sorted. */
  verifiers: string[];
}

export interface RankedFindings<T extends Finding = Finding> {
  annotated: T[];
  summarised: SummarisedFindings[];
}

/** A stable short id: the first 8 hex digits of sha256 over verifier, path, start line and message. */
export function findingId(finding: Pick<Finding, "verifier" | "path" | "startLine" | "message">): string {
  return createHash("sha256").update(`${finding.verifier}\n${finding.path}\n${finding.startLine}\n${finding.message}`).digest("hex").slice(0, 8);
}

/** Case, spacing and a final full stop do not make two messages different. */
export function normaliseMessage(message: string): string {
  return message.toLowerCase().replaceAll(/\s+/g, " ").trim().replace(/[.!]+$/, "");
}

function compare(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.startLine - b.startLine ||
    a.endLine - b.endLine ||
    (a.verifier < b.verifier ? -1 : a.verifier > b.verifier ? 1 : 0) ||
    (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

const overlaps = (a: { startLine: number; endLine: number }, b: { startLine: number; endLine: number }) => a.startLine <= b.endLine && b.startLine <= a.endLine;

/**
 * Deduplicates (same path, overlapping lines, same normalised message: the most severe is kept and
 * its message names the other verifiers), sorts by severity, path and line, and annotates at most
 * `maxAnnotations` findings at or above `minSeverity`; the rest are counted by severity.
 */
export function rankFindings<T extends Finding>(findings: readonly T[], options: RankOptions): RankedFindings<T> {
  // Each kept finding covers the lines of every duplicate merged into it, so a chain of overlaps is one problem.
  type Kept = { finding: T; others: Set<string>; startLine: number; endLine: number };
  const kept: Kept[] = [];
  const byPlace = new Map<string, Kept[]>();
  for (const finding of [...findings].sort(compare)) {
    const place = `${finding.path}\u0000${normaliseMessage(finding.message)}`;
    const same = byPlace.get(place) ?? [];
    const duplicate = same.find((entry) => overlaps(entry, finding));
    if (duplicate) {
      if (finding.verifier !== duplicate.finding.verifier) duplicate.others.add(finding.verifier);
      duplicate.startLine = Math.min(duplicate.startLine, finding.startLine);
      duplicate.endLine = Math.max(duplicate.endLine, finding.endLine);
      continue;
    }
    const entry: Kept = { finding, others: new Set<string>(), startLine: finding.startLine, endLine: finding.endLine };
    same.push(entry);
    byPlace.set(place, same);
    kept.push(entry);
  }
  const merged = kept.map(({ finding, others }) =>
    others.size === 0 ? finding : { ...finding, message: `${finding.message} (also reported by ${[...others].sort().join(", ")})` },
  );

  const annotated: T[] = [];
  const rest: T[] = [];
  const limit = severityRank(options.minSeverity);
  for (const finding of merged) {
    if (severityRank(finding.severity) <= limit && annotated.length < Math.max(0, options.maxAnnotations)) annotated.push(finding);
    else rest.push(finding);
  }
  const summarised: SummarisedFindings[] = [];
  for (const finding of rest) {
    let group = summarised.find((candidate) => candidate.severity === finding.severity);
    if (!group) {
      group = { severity: finding.severity, count: 0, verifiers: [] };
      summarised.push(group);
    }
    group.count += 1;
    if (!group.verifiers.includes(finding.verifier)) group.verifiers.push(finding.verifier);
  }
  for (const group of summarised) group.verifiers.sort();
  return { annotated, summarised };
}
