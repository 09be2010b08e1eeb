import { scanSecrets, type SecretFinding } from "../agents/secret-scanner.ts";
import { afterText, beforeText, type ChangedFile, type Finding } from "./change.ts";
import { addedLines, diffLines, splitLines } from "./line-diff.ts";

// Secrets this change adds. The new file is scanned whole — a private key spans lines —
// and a finding counts when it starts on an added line and was not already in the old file (a
// secret on a line that was only edited or moved is not this change's finding).

export const secretsVerifier = "secrets";

/** The shortest run two token tails must share to count as the same secret. */
const sameSecretPrefix = 8;

export function verifySecrets(files: readonly ChangedFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (file.status === "removed") continue;
    const after = afterText(file);
    const found = scanSecrets(after);
    if (found.length === 0) continue;
    const before = beforeText(file);
    const added = new Set(addedLines(diffLines(before, after)).map((line) => line.line));
    const newLines = splitLines(after);
    const oldLines = splitLines(before);
    const old = before === "" ? [] : scanSecrets(before);
    for (const secret of found) {
      if (!added.has(secret.line)) continue;
      if (old.some((previous) => sameSecret(previous, oldLines, secret, newLines))) continue;
      findings.push({
        verifier: secretsVerifier,
        path: file.path,
        startLine: secret.line,
        endLine: secret.line,
        startColumn: secret.column,
        severity: "error",
        title: `Secret committed (${secret.kind})`,
        message: `This change adds what looks like a ${secret.kind} (${secret.preview}). Remove it, rotate it, and read it from the environment or a secret store instead.`,
      });
    }
  }
  return findings;
}

function sameSecret(previous: SecretFinding, oldLines: readonly string[], secret: SecretFinding, newLines: readonly string[]): boolean {
  if (previous.kind !== secret.kind || previous.preview !== secret.preview) return false;
  const oldTail = (oldLines[previous.line - 1] ?? "").slice(previous.column - 1);
  const newTail = (newLines[secret.line - 1] ?? "").slice(secret.column - 1);
  let shared = 0;
  while (shared < oldTail.length && oldTail[shared] === newTail[shared]) shared += 1;
  return shared >= Math.min(sameSecretPrefix, oldTail.length);
}
