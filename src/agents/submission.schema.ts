import { z } from "zod";
import type { ToolSpec } from "../providers/types.ts";

// Every agent ends with one structured submission, validated before anything is written.

export const submissionSchema = z
  .object({
    artifacts: z
      .array(z.object({ name: z.string().min(1), content: z.string().min(1, "an artifact cannot be empty") }).strict())
      .min(1, "submit at least one artifact"),
    summary: z.string().min(1, "write a short summary of what you did"),
  })
  .strict();

export type Submission = z.infer<typeof submissionSchema>;

export const submitToolName = "submit_artifacts";

export function submitTool(outputs: readonly string[]): ToolSpec {
  return {
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
        summary: { type: "string", description: "One paragraph for the reviewers: what you produced and what is open." },
      },
      required: ["artifacts", "summary"],
      additionalProperties: false,
    },
  };
}
