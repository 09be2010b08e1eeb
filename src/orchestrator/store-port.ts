import type {
  AuditEntry,
  CachedRun,
  FindingWaiver,
  GateDecision,
  HeldReservation,
  LedgerEntry,
  NewPassRun,
  NewWorkItem,
  PassOutcome,
  PassRunChanges,
  PassRunRecord,
  RepoRef,
  ReservationHold,
  ReservationHolder,
  SpendScope,
  VerifierRunChanges,
  VerifierRunRecord,
  WorkItemChanges,
  WorkItemRecord,
} from "../domain/types.ts";
import type { Nano } from "../domain/money.ts";
import type { JobRequest } from "../scheduler/new-job.ts";

/**
 * What the orchestrator reads and records, declared here so it never imports the store that
 * implements it (src/store/create-store.ts). Each method is one store operation, named as the
 * store names it.
 */
export interface Store {
  /** Runs `fn` in one transaction; every operation inside must go through the store handed to it. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;

  // Work items.
  /** Creates the work item for an issue, once: returns `created: false` with the existing one otherwise. */
  createWorkItem(item: NewWorkItem): Promise<{ created: boolean; workItem: WorkItemRecord }>;
  findWorkItemByIssue(repo: RepoRef, issueNumber: number): Promise<WorkItemRecord | undefined>;
  /** The work item, its row locked until the transaction ends. */
  lockWorkItem(id: number): Promise<WorkItemRecord>;
  getWorkItem(id: number): Promise<WorkItemRecord>;
  updateWorkItem(id: number, changes: WorkItemChanges, now: Date): Promise<WorkItemRecord>;
  /** A stop from outside a running job: every job that began before it sees another epoch and stops. */
  raiseStopEpoch(id: number): Promise<void>;
  listLiveWorkItems(installationId: number, repos?: readonly RepoRef[]): Promise<WorkItemRecord[]>;

  // Pass runs.
  /** Records an iteration of a pass as decided (`queued`), once: a retried decision returns the existing run. */
  queuePassRun(run: NewPassRun): Promise<PassRunRecord>;
  findPassRun(workItemId: number, passId: string, iteration: number): Promise<PassRunRecord | undefined>;
  getPassRun(id: number): Promise<PassRunRecord>;
  findPassRunByHeadSha(repo: RepoRef, sha: string): Promise<PassRunRecord | undefined>;
  findPassRunByBranch(repo: RepoRef, branch: string): Promise<PassRunRecord | undefined>;
  findPassRunByPullRequest(repo: RepoRef, prNumber: number): Promise<PassRunRecord | undefined>;
  /** Sets a work item's pass runs aside under `<pass>@<suffix>` (a workflow switch, a `/rerun`). */
  archivePassRuns(workItemId: number, workflow: string): Promise<void>;
  listPassRuns(workItemId: number): Promise<PassRunRecord[]>;
  latestPassRun(workItemId: number, passId: string): Promise<PassRunRecord | undefined>;
  updatePassRun(id: number, changes: PassRunChanges): Promise<PassRunRecord>;

  // Verifier runs.
  queueVerifierRun(run: { passRunId: number; verifier: string; headSha: string; now: Date }): Promise<VerifierRunRecord>;
  listVerifierRuns(passRunId: number, headSha: string): Promise<VerifierRunRecord[]>;
  getVerifierRun(id: number): Promise<VerifierRunRecord>;
  updateVerifierRun(id: number, changes: VerifierRunChanges): Promise<VerifierRunRecord>;

  // Gate decisions, waivers and the audit trail.
  recordGateDecision(decision: GateDecision): Promise<void>;
  listGateDecisions(passRunId: number): Promise<GateDecision[]>;
  /** False when the finding was already waived. */
  recordWaiver(waiver: FindingWaiver): Promise<boolean>;
  listWaivers(passRunId: number): Promise<FindingWaiver[]>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(workItemId: number): Promise<AuditEntry[]>;

  // Budgets: spend, reservations and notices.
  spendInScope(scope: SpendScope, since: Date): Promise<{ spentUsd: Nano; reservedUsd: Nano }>;
  holdReservation(hold: ReservationHold): Promise<number>;
  hasHeldReservation(passRunId: number): Promise<boolean>;
  readReservation(id: number): Promise<HeldReservation | undefined>;
  reopenReservation(id: number): Promise<void>;
  raiseReservation(id: number, estimateUsd: Nano): Promise<void>;
  settleReservationById(id: number, now: Date): Promise<void>;
  settleReservation(passRunId: number, now: Date, holder?: ReservationHolder): Promise<void>;
  /** False when owners were already told about `level` in this period. */
  recordNotice(notice: { scope: string; name: string; periodStart: Date; level: string; now: Date }): Promise<boolean>;
  /** Serialises budget decisions across workers and replicas (inside a transaction). */
  lockBudgets(): Promise<void>;
  finishedSpend(repo: RepoRef, workflow: string): Promise<{ actualUsd: Nano; size: number }[]>;

  // The ledger.
  appendLedger(entry: LedgerEntry): Promise<void>;
  listLedger(filter: { workItemId: number; passRunId?: number }): Promise<LedgerEntry[]>;
  /** Removes the unanswered row of a call the vendor refused (an HTTP error is not billed). */
  dropLedgerCall(callId: string): Promise<void>;
  workItemSaving(workItemId: number): Promise<Nano>;
  workItemSpend(workItemId: number): Promise<Nano>;

  // Pass outcomes and the artifact cache.
  findPassOutcome(key: string): Promise<PassOutcome | undefined>;
  storePassOutcome(outcome: PassOutcome, now: Date): Promise<void>;
  latestOutcomeKey(workItemId: number, passId: string): Promise<string | undefined>;
  workItemProducts(workItemId: number): Promise<Set<string>>;
  findCachedRun(key: string): Promise<{ entry: CachedRun; costUsd: Nano } | undefined>;
  storeCachedRun(run: { key: string; agent: string; passId: string; entry: CachedRun; costUsd: Nano; now: Date }): Promise<void>;

  // Who made the commits on a pass PR (separation of duties).
  recordPitwallCommit(passRunId: number, sha: string): Promise<void>;
  listPitwallCommits(workItemId: number, prNumber: number): Promise<Set<string>>;
  /** Whether Pitwall created `sha` for this pass run (an earlier attempt of the same job). */
  hasPitwallCommit(passRunId: number, sha: string): Promise<boolean>;
  listPassPushers(workItemId: number, prNumber: number): Promise<string[]>;

  // The job queue.
  /**
   * Queues a job made by `newJob` (so its payload fits its kind), due at `runAt`. Returns the job
   * id, or undefined when a job with the same dedupe key exists.
   */
  enqueueJob(job: JobRequest & { runAt: Date }): Promise<number | undefined>;
}
