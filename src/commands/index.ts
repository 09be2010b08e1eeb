export { commandNames, parseCommands, usage, type Command, type CommandName, type ParsedLine } from "./parse-commands.ts";
export { atLeast, mayDecideGate, requiredPermission, type ApproverRule, type RepoPermission } from "./permissions.ts";
export { stripHiddenText } from "./strip-hidden-text.ts";
