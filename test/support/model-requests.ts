import type { ModelRequest, ToolSpec } from "../../src/providers/types.ts";

// Requests shared by the provider adapters' tests: the same request must work on every vendor.

export const submitTool: ToolSpec = {
  name: "submit",
  description: "Submit the plan.",
  inputSchema: { type: "object", properties: { plan: { type: "string" } }, required: ["plan"] },
};

export const readTool: ToolSpec = {
  name: "read_file",
  description: "Read a file.",
  inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
};

export function planRequest(model: string, overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model,
    system: "You are a careful planner.",
    turns: [{ role: "user", text: "Plan issue #12." }],
    tools: [],
    maxOutputTokens: 1024,
    ...overrides,
  };
}
