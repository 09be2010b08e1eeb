import type { VerifierRunRecord } from "../../domain/types.ts";

/** A failed verifier's verdict as feedback: its summary and every finding with its place. */
export function describeVerifierFailure(run: VerifierRunRecord): string {
  const findings = run.findings.map((finding) => `- \`${finding.id}\` ${finding.severity}${finding.path ? ` ${finding.path}${finding.startLine ? `:${finding.startLine}` : ""}` : ""}: ${finding.message}`);
  return [`${run.verifier}: ${run.summary ?? "failed"}`, ...findings].join("\n");
}
