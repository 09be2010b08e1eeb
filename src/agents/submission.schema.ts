import { z } from "zod";
import type { ToolSpec } from "../providers/types.ts";

// Every agent run ends with one structured submission through a forced tool call, validated with
// zod before anything is written or decided. What the tool looks like depends on the job: a pass
// submits artifacts (and, for implementers, repo files), a gate verifier a verdict, the analyst a
// workflow proposal.

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** The forced tool an agent ends with, and how its input is checked. */
export interface SubmitContract<T> {
  tool: ToolSpec;
  check(input: unknown): Checked<T>;
}

const repoPath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith("/") && !path.split("/").some((part) => part === ".." || part === "." || part === ""), "a relative path inside the repository");

export const submissionSchema = z
  .object({
    artifacts: z
      .array(z.object({ name: z.string().min(1), content: z.string().min(1, "an artifact cannot be empty") }).strict())
      .min(1, "submit at least one artifact"),
    /** Repo files the agent changes, with their full new content (implementers). */
    files: z.array(z.object({ path: repoPath, content: z.string() }).strict()).default([]),
    summary: z.string().min(1, "write a short summary of what you did"),
  })
  .strict();

export type Submission = z.infer<typeof submissionSchema>;

export const submitToolName = "submit_artifacts";

/** The contract of a pass: exactly its declared outputs, plus repo files when the agent may change code. */
export function artifactsContract(outputs: readonly string[], options: { allowFiles: boolean; writeGlobs?: readonly string[] }): SubmitContract<Submission> {
  const fileItems = {
    type: "array",
    description: `Every repository file you change, with its full new content. You may write only paths matching: ${(options.writeGlobs ?? []).join(", ")}.`,
    items: { type: "object", properties: { path: { type: "string" }, content: { type: "string" } }, required: ["path", "content"], additionalProperties: false },
  };
  return {
    tool: {
      name: submitToolName,
      description: `Submit the finished artifacts of this pass: ${outputs.join(", ")}. Call it once, when the work is complete.`,
      inputSchema: {
        type: "object",
        properties: {
          artifacts: {
            type: "array",
            items: {
              type: "object",
              properties: { name: { type: "string", enum: [...outputs] }, content: { type: "string", description: "The full file content (Markdown)." } },
              required: ["name", "content"],
              additionalProperties: false,
            },
          },
          ...(options.allowFiles ? { files: fileItems } : {}),
          summary: { type: "string", description: "One paragraph for the reviewers: what you produced and what is open." },
        },
        required: ["artifacts", "summary"],
        additionalProperties: false,
      },
    },
    check(input) {
      const parsed = submissionSchema.safeParse(input);
      if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
      const names = parsed.data.artifacts.map((artifact) => artifact.name);
      const unexpected = names.filter((name) => !outputs.includes(name));
      const missing = outputs.filter((name) => !names.includes(name));
      const duplicated = names.filter((name, index) => names.indexOf(name) !== index);
      const paths = parsed.data.files.map((file) => file.path);
      const errors = [
        unexpected.length ? `not a declared output: ${unexpected.join(", ")}` : "",
        missing.length ? `missing output: ${missing.join(", ")}` : "",
        duplicated.length ? `submitted twice: ${duplicated.join(", ")}` : "",
        !options.allowFiles && paths.length > 0 ? "this pass does not change repository files; submit only its artifacts" : "",
        paths.some((path, index) => paths.indexOf(path) !== index) ? "a file is listed twice" : "",
      ].filter(Boolean);
      return errors.length ? { ok: false, error: errors.join("; ") } : { ok: true, value: parsed.data };
    },
  };
}

export const verdictSchema = z
  .object({
    verdict: z.enum(["pass", "fail"]),
    summary: z.string().min(1),
    findings: z
      .array(
        z
          .object({
            path: z.string().min(1).optional(),
            line: z.number().int().min(1).optional(),
            severity: z.enum(["error", "warning", "note"]),
            message: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type Verdict = z.infer<typeof verdictSchema>;

/** A gate verifier's answer: pass or fail against the gate's written criteria, with findings. */
export function verdictContract(): SubmitContract<Verdict> {
  return {
    tool: {
      name: "submit_verdict",
      description: "Submit your verdict on the pass against the gate's criteria. Call it once.",
      inputSchema: {
        type: "object",
        properties: {
          verdict: { type: "string", enum: ["pass", "fail"] },
          summary: { type: "string", description: "Two or three sentences: what holds and what does not." },
          findings: {
            type: "array",
            items: {
              type: "object",
              properties: {
                path: { type: "string" },
                line: { type: "integer", minimum: 1 },
                severity: { type: "string", enum: ["error", "warning", "note"] },
                message: { type: "string" },
              },
              required: ["severity", "message"],
              additionalProperties: false,
            },
          },
        },
        required: ["verdict", "summary"],
        additionalProperties: false,
      },
    },
    check(input) {
      const parsed = verdictSchema.safeParse(input);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
    },
  };
}

export interface Proposal {
  workflow: string;
  confidence: "low" | "medium" | "high";
  reasoning: string;
}

/** The analyst's proposal: one of the known workflows. It is shown to people, never acted on by itself. */
export function proposalContract(workflows: readonly string[]): SubmitContract<Proposal> {
  const schema = z
    .object({ workflow: z.enum(workflows as [string, ...string[]]), confidence: z.enum(["low", "medium", "high"]), reasoning: z.string().min(1) })
    .strict();
  return {
    tool: {
      name: "propose_workflow",
      description: "Propose the workflow that fits this issue. Call it once.",
      inputSchema: {
        type: "object",
        properties: {
          workflow: { type: "string", enum: [...workflows] },
          confidence: { type: "string", enum: ["low", "medium", "high"] },
          reasoning: { type: "string", description: "Why this workflow fits, in two or three sentences." },
        },
        required: ["workflow", "confidence", "reasoning"],
        additionalProperties: false,
      },
    },
    check(input) {
      const parsed = schema.safeParse(input);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
    },
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
}
