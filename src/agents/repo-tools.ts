import { z } from "zod";
import { repoToolNames } from "../definitions/agent.schema.ts";
import type { ToolCall, ToolSpec } from "../providers/types.ts";
import type { ToolOutcome, Workspace } from "./workspace.ts";

// The tools an agent may hold (its `tools:` in agents/*.md). Reads go to the pass's base commit;
// writes stay in the workspace as proposals. None of them runs anything.

export { repoToolNames };
export type RepoToolName = (typeof repoToolNames)[number];

const inputs = {
  read_file: z.object({ path: z.string().min(1) }).strict(),
  list_files: z.object({ path: z.string().default("") }).strict(),
  search_text: z.object({ query: z.string().min(1), path: z.string().default("") }).strict(),
  write_file: z.object({ path: z.string().min(1), content: z.string() }).strict(),
  edit_file: z.object({ path: z.string().min(1), old_text: z.string().min(1), new_text: z.string() }).strict(),
} satisfies Record<RepoToolName, z.ZodType>;

const specs: Record<RepoToolName, ToolSpec> = {
  read_file: {
    name: "read_file",
    description: "Read a file of the repository (as of the pass's base commit, with your own edits).",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"], additionalProperties: false },
  },
  list_files: {
    name: "list_files",
    description: "List the files under a folder of the repository (empty path: the whole repository).",
    inputSchema: { type: "object", properties: { path: { type: "string" } }, additionalProperties: false },
  },
  search_text: {
    name: "search_text",
    description: "Find the lines containing a text, optionally under a folder. Returns path:line: text.",
    inputSchema: { type: "object", properties: { query: { type: "string" }, path: { type: "string" } }, required: ["query"], additionalProperties: false },
  },
  write_file: {
    name: "write_file",
    description: "Create or replace a file with its full content. Only paths your access allows; Pitwall checks and commits it after you submit.",
    inputSchema: { type: "object", properties: { path: { type: "string" }, content: { type: "string" } }, required: ["path", "content"], additionalProperties: false },
  },
  edit_file: {
    name: "edit_file",
    description: "Replace one exact, unique occurrence of old_text in a file with new_text.",
    inputSchema: {
      type: "object",
      properties: { path: { type: "string" }, old_text: { type: "string" }, new_text: { type: "string" } },
      required: ["path", "old_text", "new_text"],
      additionalProperties: false,
    },
  },
};

export function repoToolSpecs(names: readonly RepoToolName[]): ToolSpec[] {
  return names.map((name) => specs[name]);
}

export function isRepoToolName(name: string): name is RepoToolName {
  return (repoToolNames as readonly string[]).includes(name);
}

/** Runs one tool call against the workspace; a bad call is an error result the model can fix. */
export async function runRepoTool(workspace: Workspace, allowed: readonly RepoToolName[], call: ToolCall): Promise<ToolOutcome> {
  if (!isRepoToolName(call.name) || !allowed.includes(call.name)) return { ok: false, content: `you do not have a tool named ${call.name}` };
  switch (call.name) {
    case "read_file": {
      const input = inputs.read_file.safeParse(call.input);
      return input.success ? workspace.readFile(input.data.path) : invalid(input.error);
    }
    case "list_files": {
      const input = inputs.list_files.safeParse(call.input ?? {});
      return input.success ? workspace.listFiles(input.data.path) : invalid(input.error);
    }
    case "search_text": {
      const input = inputs.search_text.safeParse(call.input);
      return input.success ? workspace.searchText(input.data.query, input.data.path) : invalid(input.error);
    }
    case "write_file": {
      const input = inputs.write_file.safeParse(call.input);
      return input.success ? workspace.writeFile(input.data.path, input.data.content) : invalid(input.error);
    }
    case "edit_file": {
      const input = inputs.edit_file.safeParse(call.input);
      return input.success ? workspace.editFile(input.data.path, input.data.old_text, input.data.new_text) : invalid(input.error);
    }
  }
}

function invalid(error: z.ZodError): ToolOutcome {
  return { ok: false, content: `invalid input: ${error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ")}` };
}
