import {
  runCommands,
  followInstallation,
  createRepoLabels,
  checkDeployTimeLimit,
  offerResume,
  releaseHold,
  settleWorkItem,
  stopWorkItem,
  handleCommand,
  handleGitHubEvent,
  lintDefinitions,
  reportOrdinaryGate,
  resumeForNewBudgetPeriod,
  runPass,
  runVerifier,
  advanceGateJob,
  type OrchestratorDeps,
} from "../orchestrator/index.ts";
import type { JobHandler, QueuedJob } from "../scheduler/worker.ts";
import { jobHandlers } from "../scheduler/job-handlers.ts";
import type { ReconcilePayload } from "../scheduler/job-payloads.ts";
import { NonRetryableError } from "../scheduler/job-errors.ts";
import { startCaughtUpWorkItem } from "./start-caught-up-work-item.ts";

const noSweep = (): Promise<void> => Promise.reject(new NonRetryableError("this worker runs no reconciliation sweep"));

/**
 * Each job kind's use case; each handler gets its payload parsed with its kind's schema
 * (scheduler/job-catalogue.ts). `reconcile` is the sweep for lost webhooks (app/reconcile-installation.ts).
 */
export function orchestratorJobHandlers(deps: OrchestratorDeps, reconcile: (payload: ReconcilePayload) => Promise<void> = noSweep): Record<string, JobHandler> {
  // Every job takes the job's signal, not only those known to call models (a pass, a verifier, and a
  // command or event may start either): a stop aborts their model calls and hands the job back.
  const withSignal = (job: QueuedJob): OrchestratorDeps => ({ ...deps, signal: job.signal });
  return jobHandlers({
    start_work_item: (payload, job) => startCaughtUpWorkItem(withSignal(job), payload),
    run_pass: (payload, job) => runPass(withSignal(job), payload),
    command: (payload, job) => handleCommand(withSignal(job), payload),
    run_commands: (payload, job) => runCommands(withSignal(job), payload),
    run_verifier: (payload, job) => runVerifier(withSignal(job), payload),
    advance_gate: (payload, job) => advanceGateJob(withSignal(job), payload),
    github_event: (payload, job) => handleGitHubEvent(withSignal(job), payload),
    lint_definitions: (payload, job) => lintDefinitions(withSignal(job), payload),
    ordinary_gate: (payload, job) => reportOrdinaryGate(withSignal(job), payload),
    budget_period_started: (payload, job) => resumeForNewBudgetPeriod(withSignal(job), payload),
    stop_work_item: (payload, job) => stopWorkItem(withSignal(job), payload),
    settle_work_item: (payload, job) => settleWorkItem(withSignal(job), payload),
    release_hold: (payload, job) => releaseHold(withSignal(job), payload),
    issue_reopened: (payload, job) => offerResume(withSignal(job), payload),
    follow_installation: (payload, job) => followInstallation(withSignal(job), payload),
    create_labels: (payload, job) => createRepoLabels(withSignal(job), payload),
    deploy_time_limit: (payload, job) => checkDeployTimeLimit(withSignal(job), payload),
    reconcile: (payload) => reconcile(payload),
  });
}
