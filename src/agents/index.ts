export { buildPrompt, type PassContext } from "./build-prompt.ts";
export { runAgent, type AgentResult, type ModelCallRecord, type RunAgentRequest } from "./run-agent.ts";
export { submissionSchema, submitTool, submitToolName, type Submission } from "./submission.schema.ts";
export { quoteUntrusted, stripHiddenText } from "./untrusted-text.ts";
export { writesOutsideAccess } from "./write-access.ts";
