import { matchesGlob } from "node:path";
import { z } from "zod";
import { guardedPaths } from "./guarded-paths.ts";
import { priceTableSchema } from "./price-table.schema.ts";
import { providerNames } from "./model-names.ts";

// `.github/pitwall.yml` on the repo's default branch. Everything is optional: the
// defaults work with no file at all. Secrets never live here — API keys come from the app's
// environment.

const modelRef = z
  .string()
  .regex(new RegExp(`^(${providerNames.join("|")})/\\S+$`), 'expected "provider/model", e.g. "anthropic/claude-sonnet-4-5"');

const budgetSchema = z
  .object({
    limit_usd: z.number().nonnegative(),
    /** `monthly` budgets reset on the first of each month (UTC); `total` never resets. */
    period: z.enum(["monthly", "total"]).default("monthly"),
    /** Who is notified, who is escalated to, and who may `/approve budget`. */
    owners: z.array(z.string().min(1)).min(1, "a budget needs at least one owner"),
  })
  .strict();

/**
 * Agents get write access to the artifact folder (`{artifacts}/**`), so it stays inside the
 * repository (no `.` or `..` segment) and out of the areas where a write could run code.
 */
const artifactFolder = z
  .string()
  .regex(/^(?!\.\.?(\/|$))[A-Za-z0-9._-]+(\/(?!\.\.?(\/|$))[A-Za-z0-9._-]+)*$/, { message: "a relative folder such as docs/work", abort: true })
  .superRefine((folder, context) => {
    const guard = guardedPaths.find((glob) => matchesGlob(folder, glob) || matchesGlob(`${folder}/x`, glob));
    if (guard) context.addIssue({ code: "custom", message: `inside ${guard}, which holds CI, automation or Pitwall definitions; agents would get write access there` });
  });

export const configSchema = z
  .object({
    tiers: z
      .object({
        cheap: z.array(modelRef).min(1).optional(),
        mid: z.array(modelRef).min(1).optional(),
        frontier: z.array(modelRef).min(1).optional(),
      })
      .strict()
      .optional(),
    prices: priceTableSchema.optional(),
    /** How verifier findings show on check runs: at most this many annotations each, and only from this severity up. */
    verifiers: z
      .object({
        max_annotations: z.number().int().min(1).max(1_000).default(200),
        min_severity: z.enum(["error", "warning", "note"]).default("note"),
      })
      .strict()
      .default({ max_annotations: 200, min_severity: "note" }),
    /** Budgets as a control surface; none set means no budget holds anything back. */
    budgets: z
      .object({
        thresholds: z.object({ approaching: z.number().min(0.1).max(1).default(0.8), over: z.number().min(1).max(5).default(1.2) }).strict().default({ approaching: 0.8, over: 1.2 }),
        /** Workflows with a priority below this are low priority: delayed and paused first. */
        low_priority_below: z.number().int().min(0).max(100).default(40),
        installation: budgetSchema.optional(),
        repo: budgetSchema.optional(),
        workflows: z.record(z.string(), budgetSchema).default({}),
        /** Each work item's own budget; a workflow's `budget_usd` is the default. */
        work_item: budgetSchema.omit({ period: true }).optional(),
      })
      .strict()
      .optional(),
    artifacts: z.object({ folder: artifactFolder.default("docs/work") }).strict().default({ folder: "docs/work" }),
  })
  .strict();

export type PitwallConfig = z.infer<typeof configSchema>;

export const configPath = ".github/pitwall.yml";
