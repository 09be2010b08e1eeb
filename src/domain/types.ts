/**
 * The records Pitwall keeps about its work, in the words of DESIGN §2. The store persists them;
 * the orchestrator and the domain decide over them; none of them knows about SQL or GitHub.
 *
 * GLOSSARY
 *
 * - work item: one issue under a workflow; the unit of work (not a session, not a PR).
 *   `WorkItemRecord`.
 * - workflow: an ordered set of passes for one kind of work; a file in `workflows/`. A work item
 *   pins the definitions it runs under at the default branch's commit.
 * - pass: one step of a workflow: inputs → task by one agent → outputs (artifacts) → gate.
 * - agent: a role with its instructions, context scope, tools, write access and model tier; a file
 *   in `agents/`.
 * - tier: the class of model an agent asks for (`cheap`, `mid`, `frontier`); routing maps it to
 *   models of the configured providers.
 * - pass run: one iteration of a pass for a work item: its branch, PR, head, state and what it
 *   cost. `PassRunRecord`.
 * - iteration: the count of a pass's runs within one run of the workflow; a rework (rejected,
 *   CI or a verifier failed, `/retry`) queues the next iteration on the same PR.
 * - gate: the check at the end of a pass: written criteria, reviewer kind, approvers, verifiers;
 *   `pitwall/gate` stays pending until it is met. `GateDecision` records who decided.
 * - verdict: a verifier's pass or fail on one commit of a pass run (`VerifierRunRecord.verdict`).
 * - verifier: an agent or deterministic check that reviews another agent's output, never its own;
 *   it runs as a check run on the pass PR. `VerifierRunRecord`.
 * - finding: one thing a verifier reports, with a stable id and where it points; an annotation on
 *   the PR. `VerifierFinding`; a person may waive one (`FindingWaiver`).
 * - hold: what stops a work item without ending it: GitHub's lifecycle (the label removed, the
 *   issue closed …) or a budget; releasing it resumes the work item when the hold paused it.
 * - budget: a limit at installation, repo, workflow or work-item scope (`SpendScope`), with
 *   thresholds that change what is dispatched.
 * - reservation: a lease held before work starts and released or settled after; for budgets, the
 *   dollars held for a pass run's agent or one verifier run (`ReservationHolder`) until settled
 *   with what the calls actually cost.
 * - artifact: a durable file a pass produces, committed under `docs/work/<issue>-<slug>/` or as
 *   code. A run's outputs are cached by their inputs (`CachedRun`) and an approved pass's outcome
 *   is kept for re-runs (`PassOutcome`).
 * - status card: the one comment on the issue that Pitwall keeps editing: workflow, passes,
 *   current gate, cost, forecast, budget.
 * - orchestrator: the use cases that advance work items over ports (`src/orchestrator`); it
 *   decides and asks the ports for effects.
 * - engine: where a pass executes — Pitwall's own process today, GitHub Actions runners for
 *   `engine: actions` (DESIGN §2); not the orchestrator.
 * - ledger: the append-only record of every model call (`LedgerEntry`); the audit trail records
 *   every decision and who made it (`AuditEntry`).
 */

import type { PinnedDefinitions } from "../definitions/definition-set.ts";
import type { Tier } from "../definitions/model-names.ts";
import type { RepoReads } from "./pass-outcome.ts";
import type { Nano } from "./money.ts";
import type { LifecycleHold, PausableState, ReworkTrigger, WorkItemState } from "./work-item-state.ts";

export interface RepoRef {
  owner: string;
  name: string;
}

/** A work item as stored: its issue, workflow, state, pinned definitions and budget state. */
export interface WorkItemRecord {
  id: number;
  installationId: number;
  repo: RepoRef;
  issueNumber: number;
  issueTitle: string;
  workflow: string;
  state: WorkItemState;
  stateReason: string | null;
  currentPass: string | null;
  pinnedSha: string | null;
  definitions: PinnedDefinitions | null;
  initiator: string;
  /** Who opened the issue (separation of duties); null for work items started before it was recorded. */
  issueAuthor: string | null;
  statusCommentId: number | null;
  iteration: number;
  pausedFrom: PausableState | null;
  tierOverride: Tier | null;
  protectionNote: string | null;
  proposal: WorkflowProposal | null;
  forecastUsd: Nano | null;
  forecastBasis: string | null;
  budgetApprovedFor: string | null;
  budgetHold: string | null;
  sizeSignal: number | null;
  /** How many times the workflow ran from its first pass (`/rerun` adds one). */
  runNumber: number;
  /** The label that started it (`pitwall:feature`, or `pitwall` for the analyst). */
  label: string | null;
  /** What GitHub's lifecycle holds it with (the label removed, the issue closed …); see lifecycle-hold.ts. */
  hold: LifecycleHold | null;
  /** Whether that hold paused it (so releasing the hold resumes it). */
  holdPaused: boolean;
  /** Raised by every stop from outside (a hold, a cancel): a running job that saw another value stops. */
  stopEpoch: number;
  createdAt: Date;
}

/** The analyst's proposal for a plain `pitwall` label. */
export interface WorkflowProposal {
  workflow: string;
  confidence: string;
  reasoning: string;
}

/**
 * queued: decided, waiting for a worker · running · awaiting_gate: PR open · merged ·
 * reused: a re-run found the pass's inputs unchanged and kept its approved outcome ·
 * superseded: a later iteration replaced it · failed · closed: the work item was cancelled or
 * the PR closed without merging.
 */
export const passRunStates = ["queued", "running", "awaiting_gate", "merged", "reused", "superseded", "failed", "closed"] as const;
export type PassRunState = (typeof passRunStates)[number];

/** One iteration of one pass of a work item. */
export interface PassRunRecord {
  id: number;
  workItemId: number;
  passId: string;
  iteration: number;
  state: PassRunState;
  agent: string;
  branch: string | null;
  prNumber: number | null;
  headSha: string | null;
  gateCheckRunId: number | null;
  costCommentId: number | null;
  error: string | null;
  trigger: PassRunTrigger;
  tier: Tier | null;
  tierReason: string | null;
  feedback: string | null;
  treeSha: string | null;
  ciFeedbackSha: string | null;
  deploymentId: number | null;
  deploymentState: string | null;
  deploymentUrl: string | null;
  followUpIssue: number | null;
  headAt: Date | null;
  /** Provider switches during this run (its agent's and its verifiers'). */
  switches: string[];
  /** The pass-outcome cache key of a first iteration (see cost/pass-outcome.ts). */
  outcomeKey: string | null;
  /** What the agent read of the repo in this run. */
  reads: RepoReads | null;
  /** The paths this run committed. */
  writtenPaths: string[];
  /** Why a re-run reused the pass instead of running it. */
  reuseNote: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** `resumed`: the pass runs again after its work item was revived (its PR closed with the issue). */
export type PassRunTrigger = "first" | "resumed" | ReworkTrigger;

/** A verifier's run on one commit of a pass run: its check run and its verdict. */
export interface VerifierRunRecord {
  id: number;
  passRunId: number;
  verifier: string;
  headSha: string;
  state: "queued" | "running" | "completed";
  conclusion: "success" | "failure" | "neutral" | null;
  summary: string | null;
  findings: VerifierFinding[];
  verdict: "pass" | "fail" | null;
  annotatedIds: string[];
  checkRunId: number | null;
  /** Why a budget stopped this verifier before it reached a verdict (`/approve budget` runs it again). */
  budgetStop: string | null;
}

/** A finding as stored: a stable id, and where it points when it points anywhere. */
export interface VerifierFinding {
  id: string;
  path?: string | undefined;
  startLine?: number | undefined;
  endLine?: number | undefined;
  severity: "error" | "warning" | "note";
  title: string;
  message: string;
}

/** `switch`: a `/workflow` away from the pinned workflow, decided like a gate. */
export type GateDecisionKind = "approve" | "reject" | "refused" | "switch";

/** A decision at a gate (or on a workflow switch), as recorded. */
export interface GateDecision {
  workItemId: number;
  /** The pass run at the gate; null for a workflow switch before any pass ran. */
  passRunId: number | null;
  decision: GateDecisionKind;
  actor: string;
  actorPermission: string;
  commitSha: string | null;
  reason: string | null;
  sourceCommentId: number | null;
  /** A `/approve` comment or a pull request review. */
  source?: "comment" | "review";
  /** GitHub's `created_at` of the comment that decided, when it came from one. */
  writtenAt?: Date | null;
  decidedAt: Date;
}

/** A person's waiver of one finding of a pass run, with their reason. */
export interface FindingWaiver {
  workItemId: number;
  passRunId: number;
  findingId: string;
  actor: string;
  reason: string;
  commitSha: string | null;
  waivedAt: Date;
}

/** One entry of a work item's audit trail: who did what, on which commit. */
export interface AuditEntry {
  workItemId: number;
  actor: string;
  action: string;
  detail: string | null;
  commitSha: string | null;
  at: Date;
}

/** What an approved pass produced from what it read: a re-run with the same inputs reuses it. */
export interface PassOutcome {
  key: string;
  workItemId: number;
  passId: string;
  agent: string;
  reads: RepoReads;
  outputs: Record<string, string | null>;
  provider: string;
  model: string;
  costUsd: Nano;
}

/** Where a budget applies: what its spend is summed over. */
export type SpendScope =
  | { scope: "installation"; installationId: number }
  | { scope: "repo"; owner: string; repo: string }
  | { scope: "workflow"; owner: string; repo: string; workflow: string }
  | { scope: "work_item"; workItemId: number };

/** Who spends under a reservation: a pass's agent, one verifier run, or the analyst (no pass run). */
export type ReservationHolder = "pass" | `verifier:${number}` | "analyst";

/** One model call, as the ledger records it. Append-only: rows are never updated. */
export interface LedgerEntry {
  workItemId: number;
  passRunId: number | null;
  iteration: number;
  agent: string;
  provider: string;
  model: string;
  tier: string;
  tierReason: string;
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  /** Exact nano-dollars (numeric(18,9) in the store, converted at the SQL edge). */
  usd: Nano;
  priced: boolean;
  priceTableDate: string;
  latencyMs: number;
  cacheHit: boolean;
  savingUsd: Nano;
  createdAt: Date;
  /** The budget reservation the call was made under, when budgets apply. */
  reservationId?: number | null;
  /** The model call's own id (one per attempt): its row is written before the call and settled after. */
  callId?: string | null;
  /** false while the call's answer has not arrived (priced at the call's cap): lost, or still on its way. */
  answered?: boolean;
}

/** A run's outputs in the artifact cache, kept under the key of its inputs. */
export type CachedRun = {
  submission: { artifacts: { name: string; content: string }[]; files: { path: string; content: string }[]; summary: string };
  /** Files the agent wrote through its tools. */
  written: { path: string; content: string }[];
  /** What the run read of the repo (entries stored before this was recorded have none). */
  reads?: RepoReads;
  provider: string;
  model: string;
};

// What the store is asked to record or change.

export interface NewWorkItem {
  installationId: number;
  repo: RepoRef;
  issueNumber: number;
  issueTitle: string;
  workflow: string;
  initiator: string;
  /** Who opened the issue, when the label's webhook says. */
  issueAuthor?: string | undefined;
  /** The label that starts it (absent for work items seeded by tests and tools). */
  label?: string;
  now: Date;
}

export interface WorkItemChanges {
  state?: WorkItemState;
  stateReason?: string | null;
  currentPass?: string | null;
  pinnedSha?: string | null;
  definitions?: PinnedDefinitions | null;
  workflow?: string;
  statusCommentId?: number | null;
  iteration?: number;
  pausedFrom?: PausableState | null;
  tierOverride?: Tier | null;
  runNumber?: number;
  protectionNote?: string | null;
  proposal?: WorkflowProposal | null;
  forecastUsd?: Nano | null;
  forecastBasis?: string | null;
  budgetApprovedFor?: string | null;
  budgetHold?: string | null;
  sizeSignal?: number | null;
  label?: string | null;
  hold?: LifecycleHold | null;
  holdPaused?: boolean;
  stopEpoch?: number;
}

export interface NewPassRun {
  workItemId: number;
  passId: string;
  iteration: number;
  agent: string;
  trigger: PassRunTrigger;
  tier?: Tier | null;
  tierReason?: string | null;
  feedback?: string | null;
  /** Carried over from the iteration before: the same PR and branch. */
  branch?: string | null;
  prNumber?: number | null;
}

export interface PassRunChanges {
  state?: PassRunState;
  branch?: string;
  prNumber?: number;
  headSha?: string;
  gateCheckRunId?: number | null;
  costCommentId?: number;
  error?: string | null;
  tier?: Tier | null;
  tierReason?: string | null;
  treeSha?: string;
  ciFeedbackSha?: string;
  deploymentId?: number;
  deploymentState?: string;
  deploymentUrl?: string | null;
  followUpIssue?: number;
  headAt?: Date | null;
  switches?: string[];
  outcomeKey?: string;
  reads?: RepoReads;
  writtenPaths?: string[];
  reuseNote?: string;
  startedAt?: Date;
  finishedAt?: Date;
}

export interface VerifierRunChanges {
  state?: VerifierRunRecord["state"];
  conclusion?: "success" | "failure" | "neutral";
  summary?: string;
  findings?: VerifierFinding[];
  verdict?: "pass" | "fail" | null;
  annotatedIds?: string[];
  checkRunId?: number;
  budgetStop?: string | null;
}

/** A reservation to hold for a pass run (or the analyst) before it spends. */
export interface ReservationHold {
  workItemId: number;
  passRunId: number | null;
  holder?: ReservationHolder;
  estimateUsd: Nano;
  now: Date;
}

/** A held reservation and what was spent under it so far. */
export interface HeldReservation {
  id: number;
  estimateUsd: Nano;
  /** What the calls made under it cost so far. */
  spentUsd: Nano;
}
