// The input and output of the deterministic verifiers:
// a pass's change as whole files before and after, and findings located at lines of the new file.

export interface ChangedFile {
  path: string;
  status: "added" | "modified" | "removed" | "renamed";
  /** For a renamed file, its old path. */
  previousPath?: string;
  /** Old content, when it existed. */
  before?: string;
  /** New content, when it exists. */
  after?: string;
}

export type Severity = "error" | "warning" | "note";

export interface Finding {
  verifier: string;
  path: string;
  /** 1-based lines in the NEW file (or the old file's path/lines for removed files) */
  startLine: number;
  endLine: number;
  /** 1-based, in UTF-16 code units, when the finding is at a column of `startLine`. */
  startColumn?: number;
  endColumn?: number;
  severity: Severity;
  title: string;
  message: string;
}

/** Most severe first. */
export const severities: readonly Severity[] = ["error", "warning", "note"];

/** 0 for the most severe; a smaller rank is more severe. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

/** The file's content before the change ("" when it did not exist). */
export function beforeText(file: ChangedFile): string {
  return file.status === "added" ? "" : (file.before ?? "");
}

/** The file's content after the change ("" when it no longer exists). */
export function afterText(file: ChangedFile): string {
  return file.status === "removed" ? "" : (file.after ?? "");
}

/** The path the file had before the change. */
export function oldPath(file: ChangedFile): string {
  return file.status === "renamed" && file.previousPath !== undefined ? file.previousPath : file.path;
}
