import { secretsVerifier } from "./secrets.ts";
import { testTamperingVerifier } from "./test-tampering.ts";
import { writeScopeVerifier } from "./write-scope.ts";
import type { Severity } from "./change.ts";

/**
 * A verifier's conclusion from its verdict and its findings that nobody waived. A model
 * verifier without a verdict is neutral (it never passes a gate by saying nothing); one that
 * failed passes once every error and warning it raised is waived. A deterministic verifier
 * (no verdict) fails while any error finding stands.
 */
export function verifierConclusion(input: { verdict: "pass" | "fail" | null; deterministic: boolean; findings: readonly { id: string; severity: Severity }[]; waived: ReadonlySet<string> }): "success" | "failure" | "neutral" {
  const standing = input.findings.filter((finding) => !input.waived.has(finding.id));
  if (input.deterministic) return standing.some((finding) => finding.severity === "error") ? "failure" : "success";
  if (input.verdict === null) return "neutral";
  if (input.verdict === "pass") return "success";
  const blocking = input.findings.filter((finding) => finding.severity !== "note");
  return blocking.length > 0 && blocking.every((finding) => input.waived.has(finding.id)) ? "success" : "failure";
}

/** The verifiers that are code, not models: they run on every pass PR. */
export const deterministicVerifierNames = [testTamperingVerifier, secretsVerifier, writeScopeVerifier] as const;

export function isDeterministicVerifier(name: string): boolean {
  return (deterministicVerifierNames as readonly string[]).includes(name);
}
