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
  startWorkItem,
  type OrchestratorDeps,
} from "../orchestrator/index.ts";
import type { JobHandler, QueuedJob } from "../scheduler/worker.ts";
import { jobHandlers } from "../scheduler/job-handlers.ts";

/** Each job kind's use case; each handler gets its payload parsed with its kind's schema (scheduler/job-catalogue.ts). */
export function orchestratorJobHandlers(deps: OrchestratorDeps): Record<string, JobHandler> {
  // The jobs that call models take the job's signal: a stop aborts their calls and hands them back.
  const withSignal = (job: QueuedJob): OrchestratorDeps => ({ ...deps, signal: job.signal });
  return jobHandlers({
    start_work_item: (payload, job) => startWorkItem(withSignal(job), payload),
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
  });
}
