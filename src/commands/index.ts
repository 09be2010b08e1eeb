export { commandNames, parseCommands, usage, type Command, type CommandName, type ParsedLine } from "./parse-commands.ts";
export { atLeast, mayDecideGate, maySwitchWorkflow, requiredPermission, type ApproverRule, type RepoPermission, type SeparatedPerson } from "./permissions.ts";
export { stripHiddenText } from "./strip-hidden-text.ts";
export { commandsPerComment, planCommands, type CommandPlan } from "./plan-commands.ts";
export { composeAnswer, invalidAnswer, type CommandAnswer } from "./compose-answer.ts";
