import {
  checkDeployTimeLimit,
  createRepoLabels,
  followInstallation,
  handleCommand,
  handleGitHubEvent,
  lintDefinitions,
  offerResume,
  releaseHold,
  reportOrdinaryGate,
  resumeForNewBudgetPeriod,
  runCommands,
  runPass,
  runVerifier,
  settleWorkItem,
  startWorkItem,
  stopWorkItem,
  type EngineDeps,
} from "../orchestrator/index.ts";
import type { CatalogueHandlers } from "../scheduler/job-handlers.ts";

/** The orchestrator's use case for each job kind of the catalogue (the worker's, and the tests' without HTTP). */
export function engineHandlers(deps: EngineDeps): CatalogueHandlers {
  return {
    start_work_item: (payload) => startWorkItem(deps, payload),
    run_pass: (payload) => runPass(deps, payload),
    command: (payload) => handleCommand(deps, payload),
    run_commands: (payload) => runCommands(deps, payload),
    run_verifier: (payload) => runVerifier(deps, payload),
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
  };
}
