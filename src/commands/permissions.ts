import type { Command } from "./parse-commands.ts";

// Who may run which command (DESIGN §5). The permission is read from GitHub's collaborator
// permission API when the command runs; `author_association` is not reliable for this.

/** What the collaborator-permission API answers (maintain reads as write, triage as read). */
export type RepoPermission = "admin" | "write" | "read" | "none";

const rank: Record<RepoPermission, number> = { none: 0, read: 1, write: 2, admin: 3 };

export function atLeast(actual: RepoPermission, required: RepoPermission): boolean {
  return rank[actual] >= rank[required];
}

/** The least permission a command needs before any gate-specific rule (approver lists, separation of duties). */
export function requiredPermission(command: Command): RepoPermission {
  switch (command.name) {
    case "status":
    case "cost":
      return "read";
    default:
      return "write";
  }
}

export type ApproverRule = "write" | "maintain" | "admin" | { users: string[] };

/**
 * Whether `login` with `permission` may decide a gate whose approvers are `rule`; with
 * `separateFrom`, that person (who started the work item) may not (separation of duties).
 */
export function mayDecideGate(rule: ApproverRule, login: string, permission: RepoPermission, separateFrom?: string): { allowed: boolean; why: string } {
  const verdict = approverVerdict(rule, login, permission);
  if (verdict.allowed && separateFrom !== undefined && login.toLowerCase() === separateFrom.toLowerCase()) {
    return { allowed: false, why: `this gate needs an approver other than @${separateFrom}, who started the work item (separation of duties)` };
  }
  return verdict;
}

function approverVerdict(rule: ApproverRule, login: string, permission: RepoPermission): { allowed: boolean; why: string } {
  if (typeof rule === "object") {
    const named = rule.users.some((user) => user.toLowerCase() === login.toLowerCase());
    return named && atLeast(permission, "write")
      ? { allowed: true, why: "named approver with write access" }
      : { allowed: false, why: `this gate's approvers are ${rule.users.map((user) => `@${user}`).join(", ")}${named ? ", and they need write access" : ""}` };
  }
  // GitHub reports maintain as write, so a `maintain` rule is checked as write.
  const required: RepoPermission = rule === "admin" ? "admin" : "write";
  return atLeast(permission, required)
    ? { allowed: true, why: `${permission} permission` }
    : { allowed: false, why: `this gate needs ${required} permission on the repository; yours is ${permission}` };
}
