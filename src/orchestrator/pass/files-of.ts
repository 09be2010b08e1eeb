import type { Submission } from "../../agents/submission.schema.ts";

/** Everything the pass commits: its artifacts, then repo files (from the submission or the tool loop's writes). */
export function filesOf(submission: Submission, folder: string, written: readonly { path: string; content: string }[]): { path: string; content: string }[] {
  const files = new Map<string, string>();
  for (const artifact of submission.artifacts) files.set(`${folder}/${artifact.name}`, ensureTrailingNewline(artifact.content));
  for (const file of [...submission.files, ...written]) files.set(file.path, file.content);
  return [...files].map(([path, content]) => ({ path, content }));
}

function ensureTrailingNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
