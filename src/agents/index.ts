export { buildPrompt, buildVerifierPrompt, type PassContext, type VerifierContext } from "./build-prompt.ts";
export { runAgent, type AgentResult, type ModelCallRecord, type RunAgentRequest } from "./run-agent.ts";
export { artifactsContract, proposalContract, submissionSchema, submitToolName, verdictContract, type Proposal, type Submission, type SubmitContract, type Verdict } from "./submission.schema.ts";
export { quoteUntrusted, stripHiddenText } from "./untrusted-text.ts";
export { writesOutsideAccess } from "./write-access.ts";
