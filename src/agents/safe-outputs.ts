import { matchesGlob } from "node:path";
import { scanSecrets } from "./secret-scanner.ts";
import { guardedPaths } from "../definitions/guarded-paths.ts";

// Safe outputs: what an agent wants written is a proposal. Pitwall checks every file
// before it writes anything itself — write globs, files it never lets an agent touch unless the
// agent's access names them, limits on files and bytes, and secrets.

export interface ProposedFile {
  path: string;
  content: string;
}

export interface OutputLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const defaultOutputLimits: OutputLimits = { maxFiles: 60, maxFileBytes: 200_000, maxTotalBytes: 2_000_000 };

export interface OutputProblem {
  path: string;
  /** 1-based, when the problem is at a line. */
  line?: number | undefined;
  message: string;
}

/** Every reason not to commit these files; empty when they may be written. */
export function checkProposedFiles(files: readonly ProposedFile[], writeGlobs: readonly string[], limits: OutputLimits = defaultOutputLimits): OutputProblem[] {
  const problems: OutputProblem[] = [];
  if (files.length > limits.maxFiles) problems.push({ path: "(all)", message: `${files.length} files proposed; the limit is ${limits.maxFiles}` });
  const total = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
  if (total > limits.maxTotalBytes) problems.push({ path: "(all)", message: `${total} bytes proposed; the limit is ${limits.maxTotalBytes}` });
  for (const file of files) {
    if (!writeGlobs.some((glob) => matchesGlob(file.path, glob))) {
      problems.push({ path: file.path, message: `outside the agent's access.write (${writeGlobs.join(", ") || "empty"})` });
      continue;
    }
    const guard = guardedPaths.find((glob) => matchesGlob(file.path, glob));
    if (guard && !writeGlobs.some((glob) => matchesGlob(file.path, glob) && namesArea(glob, guard))) {
      problems.push({ path: file.path, message: `${guard} holds CI, automation or Pitwall definitions; an agent may write there only when its access.write names it` });
    }
    const bytes = Buffer.byteLength(file.content);
    if (bytes > limits.maxFileBytes) problems.push({ path: file.path, message: `${bytes} bytes; the limit for one file is ${limits.maxFileBytes}` });
    for (const finding of scanSecrets(file.content)) {
      problems.push({ path: file.path, line: finding.line, message: `looks like a secret (${finding.kind}: ${finding.preview}); secrets are never committed` });
    }
  }
  return problems;
}

/** A glob that names a guarded area explicitly: it starts with the area's own first segment. */
function namesArea(glob: string, guard: string): boolean {
  const area = guard.split("/")[0] ?? guard;
  return glob === area || glob.startsWith(`${area}/`);
}

export function describeOutputProblems(problems: readonly OutputProblem[]): string {
  return problems.map((problem) => `${problem.path}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`).join("; ");
}
