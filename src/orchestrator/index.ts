export type { OrchestratorDeps, OrchestratorLog } from "./deps.ts";
export {
  budgetPeriodStartedPayload,
  commandPayload,
  runCommandsPayload,
  followInstallationPayload,
  createLabelsPayload,
  deployTimeLimitPayload,
  issueReopenedPayload,
  releaseHoldPayload,
  settleWorkItemPayload,
  stopWorkItemPayload,
  githubEventPayload,
  lintDefinitionsPayload,
  ordinaryGatePayload,
  jobKinds,
  runPassPayload,
  runVerifierPayload,
  startWorkItemPayload,
  workItemLockKey,
  type CommandPayload,
  type RunCommandsPayload,
  type GitHubEventPayload,
  type RunPassPayload,
  type RunVerifierPayload,
  type StartWorkItemPayload,
} from "./jobs.ts";
export { handleCommand, runCommands } from "./handle-command.ts";
export { handleGitHubEvent } from "./handle-github-event.ts";
export { lintDefinitions } from "./lint-definitions.ts";
export { reportOrdinaryGate } from "./report-ordinary-gate.ts";
export { resumeForNewBudgetPeriod } from "./budget-gate.ts";
export { runPass } from "./run-pass.ts";
export { runVerifier } from "./run-verifier.ts";
export { classifyLabel, startWorkItem } from "./start-work-item.ts";
export { needsHumanLabel } from "./perform-effects.ts";
export { refreshStatusCard, statusCardMarker } from "./refresh-status-card.ts";
export { artifactFolder, passBranch, slugify } from "./artifact-path.ts";
export { reportGaveUp } from "./report-gave-up.ts";
export { stopWorkItem } from "./stop-work-item.ts";
export { settleWorkItem } from "./settle-work-item.ts";
export { releaseHold } from "./release-hold.ts";
export { offerResume } from "./offer-resume.ts";
export { followInstallation } from "./follow-installation.ts";
export { createRepoLabels } from "./create-repo-labels.ts";
export { checkDeployTimeLimit } from "./check-deploy-time-limit.ts";
export { advanceGateJob } from "./gate/advance-gate-job.ts";
