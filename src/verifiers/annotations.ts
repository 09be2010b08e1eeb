import type { CheckAnnotation } from "./check-annotation.ts";

// Findings become check-run annotations. A finding must point at a line that exists: one the
// model placed past the end of a file is moved to the file's first line (and says so), and one
// on a file the pass does not have goes into the summary — never dropped.

export interface LocatedFinding {
  id: string;
  path: string;
  startLine: number;
  endLine: number;
  severity: "error" | "warning" | "note";
  title: string;
  message: string;
}

const levels: Record<LocatedFinding["severity"], CheckAnnotation["annotation_level"]> = { error: "failure", warning: "warning", note: "notice" };

/** `lineCounts`: how many lines each file has at the head commit (files that do not exist are absent). */
export function toAnnotations(findings: readonly LocatedFinding[], lineCounts: ReadonlyMap<string, number>): { annotations: CheckAnnotation[]; unplaced: LocatedFinding[] } {
  const annotations: CheckAnnotation[] = [];
  const unplaced: LocatedFinding[] = [];
  for (const finding of findings) {
    const lines = lineCounts.get(finding.path);
    if (lines === undefined) {
      unplaced.push(finding);
      continue;
    }
    const fits = finding.startLine >= 1 && finding.startLine <= Math.max(lines, 1) && finding.endLine >= finding.startLine;
    const title = `${finding.title} [${finding.id}]`.slice(0, 255);
    annotations.push(
      fits
        ? { path: finding.path, start_line: finding.startLine, end_line: Math.min(finding.endLine, Math.max(lines, 1)), annotation_level: levels[finding.severity], title, message: finding.message }
        : { path: finding.path, start_line: 1, end_line: 1, annotation_level: levels[finding.severity], title, message: `(placed at line ${finding.startLine}, which ${finding.path} does not have) ${finding.message}` },
    );
  }
  return { annotations, unplaced };
}
