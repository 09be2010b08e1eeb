export { buildPrompt, buildVerifierPrompt, type PassContext, type VerifierContext } from "./build-prompt.ts";
export { runAgent, type AgentResult, type ModelCallRecord, type RunAgentRequest } from "./run-agent.ts";
export { artifactsContract, proposalContract, submissionSchema, submitToolName, verdictContract, type Proposal, type Submission, type SubmitContract, type Verdict } from "./submission.schema.ts";
export { quoteUntrusted, stripHiddenText } from "./untrusted-text.ts";
export { checkProposedFiles, describeOutputProblems, type OutputProblem, type ProposedFile } from "./safe-outputs.ts";
export { redactSecrets, scanSecrets, type SecretFinding } from "./secret-scanner.ts";
