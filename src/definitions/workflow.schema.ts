import { z } from "zod";
import { tiers } from "./model-names.ts";

// The machine-readable part of `workflows/<name>.md`. The Markdown body explains
// the gates in prose for people; the criteria here are what verifiers and approvers are shown.

const identifier = z.string().regex(/^[a-z][a-z0-9-]*$/, "use lower-case letters, digits and dashes, starting with a letter");

export const separationRoles = ["initiator", "issue_author", "pushers"] as const;
const separationRole = z.enum(separationRoles);
export type SeparationRole = (typeof separationRoles)[number];

/** Who may approve a gate: anyone with at least this repository permission, or named users. */
export const approversSchema = z.union([
  z.enum(["write", "maintain", "admin"]),
  z.object({ users: z.array(z.string().min(1)).min(1) }).strict(),
]);

export const gateSchema = z
  .object({
    kind: z.enum(["human", "agent", "both", "ci"]),
    criteria: z.array(z.string().min(1)).min(1, "a gate needs at least one written criterion"),
    verifiers: z.array(identifier).default([]),
    approvers: approversSchema.default("write"),
    required_approvals: z.number().int().min(1).max(10).default(1),
    /**
     * Separation of duties: who may not decide this gate — the person who started the work item
     * (`initiator`), who opened its issue (`issue_author`), anyone who pushed to the pass PR
     * (`pushers`). One role or a list.
     */
    separate_from: z.union([separationRole, z.array(separationRole).min(1)]).optional(),
    max_iterations: z.number().int().min(1).max(10).default(3),
    escalation: z.enum(["step_up_then_human", "human", "none"]).default("step_up_then_human"),
    merge: z.enum(["auto", "human"]).default("auto"),
  })
  .strict();

/** An artifact file name, committed under the work item's artifact folder. */
const artifactName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "an artifact is a plain file name such as spec.md");

const timeoutMessage = "timeout_minutes is a whole number of minutes from 1 to 1440 (a day)";

export const passSchema = z
  .object({
    id: identifier,
    agent: identifier,
    description: z.string().optional(),
    inputs: z.array(z.string().min(1)).default([]),
    outputs: z.array(artifactName).min(1, "a pass must declare at least one output"),
    tier: z.enum(tiers).optional(),
    /**
     * The repo's own CI feeds back into this pass (implement, patch): failed checks on the pass PR
     * go back to the agent on the same PR, at most `max_iterations` times before escalation.
     */
    ci_feedback: z
      .object({ max_iterations: z.number().int().min(1).max(5).default(2) })
      .strict()
      .optional(),
    /**
     * The pass deploys its PR's head to a GitHub environment and its gate waits for the deployment
     * to succeed. With no final status (success, failure, error, inactive) within `timeout_minutes`
     * of Pitwall creating it, the gate says so and a person is asked to act.
     */
    deploy: z
      .object({
        environment: z.string().regex(/^[A-Za-z0-9._-]+$/, "an environment name such as staging or production"),
        production: z.boolean().default(false),
        timeout_minutes: z.number({ error: timeoutMessage }).int(timeoutMessage).min(1, timeoutMessage).max(1440, timeoutMessage).default(60),
      })
      .strict()
      .optional(),
    /**
     * An issue Pitwall opens (and links on the status card) when this pass merges, for work the
     * workflow defers. `{title}` and `{number}` stand for the work item's issue.
     */
    follow_up_issue: z
      .object({
        title: z.string().min(1),
        body: z.string().min(1),
        labels: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
    gate: gateSchema,
  })
  .strict();

export const workflowSchema = z
  .object({
    name: identifier,
    version: z.number().int().min(1),
    label: z.string().regex(/^pitwall:[a-z][a-z0-9-]*$/, "a workflow label looks like pitwall:<name>"),
    description: z.string().min(1),
    priority: z.number().int().min(0).max(100).default(50),
    budget_usd: z.number().positive().optional(),
    forecast_usd: z.number().nonnegative().optional(),
    passes: z.array(passSchema).min(1, "a workflow needs at least one pass"),
  })
  .strict();

export type WorkflowFrontMatter = z.infer<typeof workflowSchema>;
export type PassDefinition = z.infer<typeof passSchema>;
export type GateDefinition = z.infer<typeof gateSchema>;

/** The roles a gate keeps apart from its decision, in the order declared (pinned definitions may hold the scalar form). */
export function separatedRoles(gate: Pick<GateDefinition, "separate_from">): SeparationRole[] {
  const declared = gate.separate_from;
  if (declared === undefined) return [];
  return typeof declared === "string" ? [declared] : [...new Set(declared)];
}
