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
  // The jobs that call models take the job's signal: a stop aborts their calls and hands them back.
  const withSignal = (job: QueuedJob): OrchestratorDeps => ({ ...deps, signal: job.signal });
  return jobHandlers({
    start_work_item: (payload, job) => startCaughtUpWorkItem(withSignal(job), payload),
    run_pass: (payload, job) => runPass(withSignal(job), payload),
    command: (payload) => handleCommand(deps, payload),
    run_commands: (payload) => runCommands(deps, payload),
    run_verifier: (payload) => runVerifier(deps, payload),
    advance_gate: (payload) => advanceGateJob(deps, payload),
    github_event: (payload) => handleGitHubEvent(deps, payload),
    lint_definitions: (payload) => lintDefinitions(deps, payload),
    ordinary_gate: (payload) => reportOrdinaryGate(deps, payload),
    budget_period_started: (payload) => resumeForNewBudgetPeriod(deps, payload),
    stop_work_item: (payload) => stopWorkItem(deps, payload),
    settle_work_item: (payload) => settleWorkItem(deps, payload),
    release_hold: (payload) => releaseHold(deps, payload),
    issue_reopened: (payload) => offerResume(deps, payload),
    follow_installation: (payload) => followInstallation(deps, payload),
    create_labels: (payload) => createRepoLabels(deps, payload),
    deploy_time_limit: (payload) => checkDeployTimeLimit(deps, payload),
    reconcile: (payload) => reconcile(payload),
  });
}
