import type { GateDefinition } from "../definitions/workflow.schema.ts";
import { deployTimedOut, describeDeployTimeOut } from "./deploy-time-limit.ts";

// Whether a pass's gate is met, from facts the orchestrator gathered.
// Gates fail closed: anything missing, unknown or broken leaves the gate pending with the reason.

export type OutputStatus = "ok" | "missing" | "empty" | "invalid";

export interface GateFacts {
  gate: GateDefinition;
  headSha: string;
  /** The pass's declared outputs as found at the head commit. */
  outputs: { name: string; status: OutputStatus; detail?: string | undefined }[];
  /** Counted approvals (eligibility was checked when each was recorded), at any commit. */
  approvals: { actor: string; commitSha: string; source: "comment" | "review" }[];
  /** One entry per verifier the gate requires (its agents, and the code verifiers); `null` conclusion: not reported yet. */
  verifiers: { name: string; conclusion: "success" | "failure" | "neutral" | "pending" | null; summary?: string | undefined }[];
  /** The repo's own checks at the head (only read for `ci` gates). */
  ci?: CiFacts | undefined;
  /** The deployment the pass made, when it deploys. */
  deployment?: { environment: string; state: string | null; url?: string | null | undefined; timeoutMinutes: number } | undefined;
  /** Errors met while gathering the facts: each keeps the gate pending. */
  errors: string[];
}

export interface CiFacts {
  /** Check names branch protection requires; `undefined` when the base branch requires none. */
  required: string[] | undefined;
  checks: { name: string; status: "queued" | "in_progress" | "completed" | "pending"; conclusion: string | null }[];
}

export interface GateVerdict {
  met: boolean;
  /** Human-readable lines: what is met. */
  satisfied: string[];
  /** Human-readable lines: what is missing. */
  missing: string[];
  /** Approvals that were given on an earlier commit and no longer count. */
  stale: { actor: string; commitSha: string }[];
  /** A short title for the `pitwall/gate` check run. */
  title: string;
}

export function needsHuman(gate: GateDefinition): boolean {
  return gate.kind === "human" || gate.kind === "both";
}

export function needsVerifiers(gate: GateDefinition): boolean {
  return gate.kind === "agent" || gate.kind === "both";
}

export function evaluateGate(facts: GateFacts): GateVerdict {
  const satisfied: string[] = [];
  const missing: string[] = [];

  for (const error of facts.errors) missing.push(`an error kept the gate closed: ${error}`);

  for (const output of facts.outputs) {
    if (output.status === "ok") satisfied.push(`output \`${output.name}\` is present`);
    else missing.push(`output \`${output.name}\` is ${output.status}${output.detail ? ` (${output.detail})` : ""}`);
  }
  if (facts.outputs.length === 0) missing.push("the pass declares no outputs to check");

  const current = distinctActors(facts.approvals.filter((approval) => approval.commitSha === facts.headSha));
  const stale = distinctActors(facts.approvals.filter((approval) => approval.commitSha !== facts.headSha && !current.some((c) => sameActor(c.actor, approval.actor))));
  if (needsHuman(facts.gate)) {
    for (const approval of current) satisfied.push(`approved by @${approval.actor}${approval.source === "review" ? " (review)" : ""} at \`${facts.headSha.slice(0, 7)}\``);
    const short = facts.gate.required_approvals - current.length;
    if (short > 0) {
      missing.push(`${short} approval${short === 1 ? "" : "s"} at \`${facts.headSha.slice(0, 7)}\`${stale.length > 0 ? ` (approvals on earlier commits went stale: ${stale.map((s) => `@${s.actor}`).join(", ")})` : ""}`);
    }
  }

  if (needsVerifiers(facts.gate) && facts.gate.verifiers.length === 0) missing.push("the gate is reviewed by agents but names no verifier");
  {
    for (const verifier of facts.verifiers) {
      if (verifier.conclusion === "success") satisfied.push(`verifier \`${verifier.name}\` passed`);
      else if (verifier.conclusion === "failure") missing.push(`verifier \`${verifier.name}\` failed${verifier.summary ? `: ${verifier.summary}` : ""}`);
      else if (verifier.conclusion === "neutral") missing.push(`verifier \`${verifier.name}\` reported no verdict`);
      else missing.push(`verifier \`${verifier.name}\` has not reported yet`);
    }
  }

  if (facts.gate.kind === "ci") {
    const ci = summariseCi(facts.ci);
    satisfied.push(...ci.satisfied);
    missing.push(...ci.missing);
  }

  if (facts.deployment) {
    const { environment, state } = facts.deployment;
    if (state === "success") satisfied.push(`deployed to \`${environment}\`${facts.deployment.url ? ` (${facts.deployment.url})` : ""}`);
    else if (state === "failure" || state === "error") missing.push(`the deployment to \`${environment}\` ended in ${state}`);
    else if (state === deployTimedOut) missing.push(describeDeployTimeOut(environment, facts.deployment.timeoutMinutes));
    else missing.push(`the deployment to \`${environment}\` has not succeeded yet (${state ?? "no status"})`);
  }

  const met = missing.length === 0;
  return { met, satisfied, missing, stale, title: met ? "Gate met" : titleFor(missing) };
}

export interface CiSummary {
  satisfied: string[];
  missing: string[];
  /** Checks that finished without success. */
  failed: string[];
  /** Checks that must still report or finish. */
  pending: number;
}

/** The repo's own checks: the ones branch protection requires, or every check when it requires none. */
export function summariseCi(ci: CiFacts | undefined): CiSummary {
  if (!ci) return { satisfied: [], missing: ["the repo's checks could not be read"], failed: [], pending: 1 };
  const latest = new Map(ci.checks.map((check) => [check.name, check]));
  const names = ci.required ?? [...latest.keys()];
  if (names.length === 0) return { satisfied: [], missing: ["no CI check has reported on this commit yet"], failed: [], pending: 1 };
  const satisfied: string[] = [];
  const missing: string[] = [];
  const failed: string[] = [];
  let pending = 0;
  for (const name of names) {
    const check = latest.get(name);
    if (!check || check.status !== "completed") pending += 1;
    if (!check) missing.push(`required check \`${name}\` has not reported`);
    else if (check.status !== "completed") missing.push(`check \`${name}\` is ${check.status.replace("_", " ")}`);
    else if (check.conclusion === "success" || check.conclusion === "neutral" || check.conclusion === "skipped") satisfied.push(`check \`${name}\` passed`);
    else {
      missing.push(`check \`${name}\` ended in ${check.conclusion ?? "no conclusion"}`);
      failed.push(name);
    }
  }
  return { satisfied, missing, failed, pending };
}

function titleFor(missing: string[]): string {
  const first = missing[0] ?? "waiting";
  const rest = missing.length - 1;
  const text = `${first[0]?.toUpperCase() ?? ""}${first.slice(1)}`.replaceAll("`", "");
  return `${text.length > 90 ? `${text.slice(0, 87)}…` : text}${rest > 0 ? ` (+${rest} more)` : ""}`;
}

function sameActor(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function distinctActors<T extends { actor: string }>(entries: T[]): T[] {
  return [...new Map(entries.map((entry) => [entry.actor.toLowerCase(), entry])).values()];
}
