import { matchesGlob } from "node:path";
import { oldPath, type ChangedFile, type Finding } from "./change.ts";

// Every file a pass adds, edits, renames or deletes must lie inside the agent's `access.write`
// globs. A rename writes both paths: the old one is deleted.

export const writeScopeVerifier = "write-scope";

export interface WriteScopeOptions {
  /** The agent's `access.write` globs, as `node:path` `matchesGlob` reads them. */
  writeGlobs: readonly string[];
}

export function verifyWriteScope(files: readonly ChangedFile[], options: WriteScopeOptions): Finding[] {
  const allowed = (path: string) => options.writeGlobs.some((glob) => matchesGlob(path, glob));
  const scope = options.writeGlobs.length > 0 ? options.writeGlobs.join(", ") : "empty";
  const findings: Finding[] = [];
  for (const file of files) {
    const outside = [file.path, oldPath(file)].filter((path, index, all) => all.indexOf(path) === index && !allowed(path));
    if (outside.length === 0) continue;
    const what = file.status === "renamed" && oldPath(file) !== file.path ? `renames ${oldPath(file)} to ${file.path}` : `${verbs[file.status]} ${file.path}`;
    findings.push({
      verifier: writeScopeVerifier,
      path: file.path,
      startLine: 1,
      endLine: 1,
      severity: "error",
      title: "Write outside the agent's access",
      message: `This change ${what}, but ${outside.join(" and ")} ${outside.length > 1 ? "are" : "is"} outside the agent's access.write (${scope}).`,
    });
  }
  return findings;
}

const verbs: Record<ChangedFile["status"], string> = { added: "adds", modified: "modifies", removed: "deletes", renamed: "renames" };
