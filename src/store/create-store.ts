import type { Store } from "../orchestrator/store-port.ts";
import { findCachedRun, storeCachedRun } from "./artifact-cache.ts";
import { appendAudit, listAudit } from "./audit-log.ts";
import { finishedSpend, hasHeldReservation, holdReservation, lockBudgets, raiseReservation, readReservation, recordNotice, reopenReservation, settleReservation, settleReservationById, spendInScope } from "./budget-ledger.ts";
import { listWaivers, recordWaiver } from "./finding-waivers.ts";
import { listGateDecisions, recordGateDecision } from "./gate-decisions.ts";
import { enqueueJob } from "./jobs.ts";
import { appendLedger, dropLedgerCall, listLedger, workItemSaving, workItemSpend } from "./ledger.ts";
import { findPassOutcome, latestOutcomeKey, storePassOutcome, workItemProducts } from "./pass-outcomes.ts";
import { listPassPushers } from "./pass-pushes.ts";
import { archivePassRuns, findPassRun, findPassRunByBranch, findPassRunByHeadSha, findPassRunByPullRequest, getPassRun, latestPassRun, listPassRuns, queuePassRun, updatePassRun } from "./pass-runs.ts";
import { hasPitwallCommit, listPitwallCommits, recordPitwallCommit } from "./pitwall-commits.ts";
import { getVerifierRun, listVerifierRuns, queueVerifierRun, updateVerifierRun } from "./verifier-runs.ts";
import { createWorkItem, findWorkItemByIssue, getWorkItem, listLiveWorkItems, lockWorkItem, raiseStopEpoch, updateWorkItem } from "./work-items.ts";
import type { Sql } from "./sql.ts";

/** The orchestrator's store port over one database connection (or one transaction's). */
export function createStore(sql: Sql): Store {
  return {
    transaction: (fn) => sql.transaction((tx) => fn(createStore(tx))),
    createWorkItem: (item) => createWorkItem(sql, item),
    findWorkItemByIssue: (repo, issueNumber) => findWorkItemByIssue(sql, repo, issueNumber),
    lockWorkItem: (id) => lockWorkItem(sql, id),
    getWorkItem: (id) => getWorkItem(sql, id),
    updateWorkItem: (id, changes, now) => updateWorkItem(sql, id, changes, now),
    raiseStopEpoch: (id) => raiseStopEpoch(sql, id),
    listLiveWorkItems: (installationId, repos) => listLiveWorkItems(sql, installationId, repos),
    queuePassRun: (run) => queuePassRun(sql, run),
    findPassRun: (workItemId, passId, iteration) => findPassRun(sql, workItemId, passId, iteration),
    getPassRun: (id) => getPassRun(sql, id),
    findPassRunByHeadSha: (repo, sha) => findPassRunByHeadSha(sql, repo, sha),
    findPassRunByBranch: (repo, branch) => findPassRunByBranch(sql, repo, branch),
    findPassRunByPullRequest: (repo, prNumber) => findPassRunByPullRequest(sql, repo, prNumber),
    archivePassRuns: (workItemId, workflow) => archivePassRuns(sql, workItemId, workflow),
    listPassRuns: (workItemId) => listPassRuns(sql, workItemId),
    latestPassRun: (workItemId, passId) => latestPassRun(sql, workItemId, passId),
    updatePassRun: (id, changes) => updatePassRun(sql, id, changes),
    queueVerifierRun: (run) => queueVerifierRun(sql, run),
    listVerifierRuns: (passRunId, headSha) => listVerifierRuns(sql, passRunId, headSha),
    getVerifierRun: (id) => getVerifierRun(sql, id),
    updateVerifierRun: (id, changes) => updateVerifierRun(sql, id, changes),
    recordGateDecision: (decision) => recordGateDecision(sql, decision),
    listGateDecisions: (passRunId) => listGateDecisions(sql, passRunId),
    recordWaiver: (waiver) => recordWaiver(sql, waiver),
    listWaivers: (passRunId) => listWaivers(sql, passRunId),
    appendAudit: (entry) => appendAudit(sql, entry),
    listAudit: (workItemId) => listAudit(sql, workItemId),
    spendInScope: (scope, since) => spendInScope(sql, scope, since),
    holdReservation: (hold) => holdReservation(sql, hold),
    hasHeldReservation: (passRunId) => hasHeldReservation(sql, passRunId),
    readReservation: (id) => readReservation(sql, id),
    reopenReservation: (id) => reopenReservation(sql, id),
    raiseReservation: (id, estimateUsd) => raiseReservation(sql, id, estimateUsd),
    settleReservationById: (id, now) => settleReservationById(sql, id, now),
    settleReservation: (passRunId, now, holder) => settleReservation(sql, passRunId, now, holder),
    recordNotice: (notice) => recordNotice(sql, notice),
    lockBudgets: () => lockBudgets(sql),
    finishedSpend: (repo, workflow) => finishedSpend(sql, repo, workflow),
    appendLedger: (entry) => appendLedger(sql, entry),
    listLedger: (filter) => listLedger(sql, filter),
    dropLedgerCall: (callId) => dropLedgerCall(sql, callId),
    workItemSaving: (workItemId) => workItemSaving(sql, workItemId),
    workItemSpend: (workItemId) => workItemSpend(sql, workItemId),
    findPassOutcome: (key) => findPassOutcome(sql, key),
    storePassOutcome: (outcome, now) => storePassOutcome(sql, outcome, now),
    latestOutcomeKey: (workItemId, passId) => latestOutcomeKey(sql, workItemId, passId),
    workItemProducts: (workItemId) => workItemProducts(sql, workItemId),
    findCachedRun: (key) => findCachedRun(sql, key),
    storeCachedRun: (run) => storeCachedRun(sql, run),
    recordPitwallCommit: (passRunId, sha) => recordPitwallCommit(sql, passRunId, sha),
    listPitwallCommits: (workItemId, prNumber) => listPitwallCommits(sql, workItemId, prNumber),
    hasPitwallCommit: (passRunId, sha) => hasPitwallCommit(sql, passRunId, sha),
    listPassPushers: (workItemId, prNumber) => listPassPushers(sql, workItemId, prNumber),
    enqueueJob: (job) => enqueueJob(sql, job),
  };
}
