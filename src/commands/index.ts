export { commandNames, parseCommands, usage, type Command, type CommandName, type ParsedLine } from "./parse-commands.ts";
export { atLeast, mayDecideGate, maySwitchWorkflow, requiredPermission, type ApproverRule, type RepoPermission, type SeparatedPerson } from "./permissions.ts";
