import { z } from "zod";
import { priceTableSchema } from "../providers/price-table.schema.ts";
import { providerNames } from "../providers/types.ts";

// `.github/pitwall.yml` on the repo's default branch (DESIGN §4). Everything is optional: the
// defaults work with no file at all. Secrets never live here — API keys come from the app's
// environment.

const modelRef = z
  .string()
  .regex(new RegExp(`^(${providerNames.join("|")})/\\S+$`), 'expected "provider/model", e.g. "anthropic/claude-sonnet-4-5"');

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
    artifacts: z
      .object({ folder: z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "a relative folder such as docs/work").default("docs/work") })
      .strict()
      .default({ folder: "docs/work" }),
  })
  .strict();

export type PitwallConfig = z.infer<typeof configSchema>;

export const configPath = ".github/pitwall.yml";
