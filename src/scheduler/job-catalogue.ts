import type { z } from "zod";
import { answerPriority, pullRequestCheckPriority, upkeepPriority, workflowPriority, type WorkflowPriorityContext } from "./job-priority.ts";
import {
  advanceGatePayload,
  budgetPeriodStartedPayload,
  commandPayload,
  createLabelsPayload,
  deployTimeLimitPayload,
  followInstallationPayload,
  githubEventPayload,
  issueReopenedPayload,
  lintDefinitionsPayload,
  ordinaryGatePayload,
  reconcilePayload,
  releaseHoldPayload,
  runCommandsPayload,
  runPassPayload,
  runVerifierPayload,
  settleWorkItemPayload,
  startWorkItemPayload,
  stopWorkItemPayload,
} from "./job-payloads.ts";

// The typed job catalogue: each kind of job with the schema of its payload and its priority rule
// (job-priority.ts). Producers build jobs with `newJob` and consumers parse with `jobHandlers`,
// both from this table, so the two sides cannot disagree about a payload.

/** A priority rule's context when the rule needs none. */
export type NoContext = Record<never, never>;

export interface JobSpec<S extends z.ZodType, C> {
  payload: S;
  priority: (payload: z.output<S>, context: C) => number;
}

function spec<S extends z.ZodType, C = NoContext>(payload: S, priority: (payload: z.output<S>, context: C) => number): JobSpec<S, C> {
  return { payload, priority };
}

const answer = () => answerPriority;
const ofWorkflow = (_payload: unknown, context: WorkflowPriorityContext) => workflowPriority(context.workflow);

export const jobCatalogue = {
  start_work_item: spec(startWorkItemPayload, answer),
  run_pass: spec(runPassPayload, ofWorkflow),
  run_verifier: spec(runVerifierPayload, ofWorkflow),
  command: spec(commandPayload, answer),
  run_commands: spec(runCommandsPayload, answer),
  github_event: spec(githubEventPayload, answer),
  lint_definitions: spec(lintDefinitionsPayload, () => pullRequestCheckPriority),
  ordinary_gate: spec(ordinaryGatePayload, () => pullRequestCheckPriority),
  budget_period_started: spec(budgetPeriodStartedPayload, ofWorkflow),
  stop_work_item: spec(stopWorkItemPayload, answer),
  settle_work_item: spec(settleWorkItemPayload, answer),
  release_hold: spec(releaseHoldPayload, answer),
  issue_reopened: spec(issueReopenedPayload, answer),
  follow_installation: spec(followInstallationPayload, answer),
  create_labels: spec(createLabelsPayload, () => upkeepPriority),
  deploy_time_limit: spec(deployTimeLimitPayload, ofWorkflow),
  // Follows a person's `/resume` (or a released hold): they wait on its answer.
  advance_gate: spec(advanceGatePayload, answer),
  // The sweep for lost webhooks: upkeep, behind what people wait on.
  reconcile: spec(reconcilePayload, () => upkeepPriority),
};

export type JobKind = keyof typeof jobCatalogue;
export type JobPayload<K extends JobKind> = z.output<(typeof jobCatalogue)[K]["payload"]>;
/** What a kind's priority rule needs besides the payload (the work item's workflow, or nothing). */
export type PriorityContext<K extends JobKind> = Parameters<(typeof jobCatalogue)[K]["priority"]>[1];

/** The kinds by name, for code that reads better with `jobKinds.runPass` than with `"run_pass"`. */
export const jobKinds = {
  startWorkItem: "start_work_item",
  runPass: "run_pass",
  runVerifier: "run_verifier",
  command: "command",
  runCommands: "run_commands",
  githubEvent: "github_event",
  lintDefinitions: "lint_definitions",
  ordinaryGate: "ordinary_gate",
  budgetPeriodStarted: "budget_period_started",
  stopWorkItem: "stop_work_item",
  settleWorkItem: "settle_work_item",
  releaseHold: "release_hold",
  issueReopened: "issue_reopened",
  followInstallation: "follow_installation",
  createLabels: "create_labels",
  deployTimeLimit: "deploy_time_limit",
  advanceGate: "advance_gate",
  reconcile: "reconcile",
} as const satisfies Record<string, JobKind>;
