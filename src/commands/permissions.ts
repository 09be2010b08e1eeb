import type { Command } from "./parse-commands.ts";

// Who may run which command. The permission is read from GitHub's collaborator
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

/** Someone a gate keeps from deciding it (separation of duties), and why. */
export interface SeparatedPerson {
  login: string;
  role: "initiator" | "issue_author" | "pusher";
}

const whoThey: Record<SeparatedPerson["role"], string> = {
  initiator: "started the work item",
  issue_author: "opened the issue",
  pusher: "pushed to this pull request",
};

/**
 * Whether `login` with `permission` may decide a gate whose approvers are `rule`; no one in
 * `separated` may (separation of duties), whatever their permission. `unlinkedCommit` is a commit
 * on the pull request whose author GitHub links to no account: then no one is known not to have
 * made it, so no one may (fail closed).
 */
export function mayDecideGate(rule: ApproverRule, login: string, permission: RepoPermission, separated: readonly SeparatedPerson[] = [], unlinkedCommit: string | null = null): { allowed: boolean; why: string } {
  const verdict = approverVerdict(rule, login, permission);
  const kept = separated.find((person) => person.login.toLowerCase() === login.toLowerCase());
  if (verdict.allowed && kept) {
    return { allowed: false, why: `this gate needs an approver other than @${kept.login}, who ${whoThey[kept.role]} (separation of duties)` };
  }
  if (verdict.allowed && unlinkedCommit !== null) {
    return {
      allowed: false,
      why: `a commit on this pull request (\`${unlinkedCommit.slice(0, 7)}\`) is by an author GitHub cannot link to an account, so separation of duties cannot be checked; whoever made it should push it again with the email of their GitHub account, or drop it from the branch with a force-push`,
    };
  }
  return verdict;
}

/**
 * Whether `login` may switch a work item away from a workflow whose gates are `gates`: a switch
 * must never lower what those gates require, so the person needs to be an approver every one of
 * its human gates accepts (the strictest approver rule and separation of duties of them all).
 * A workflow without human gates asks for nothing more than the command's write access.
 */
export function maySwitchWorkflow(
  workflow: string,
  gates: readonly { kind: string; approvers: ApproverRule }[],
  login: string,
  permission: RepoPermission,
  separated: readonly SeparatedPerson[],
  unlinkedCommit: string | null = null,
): { allowed: boolean; why: string } {
  for (const gate of gates) {
    if (gate.kind !== "human" && gate.kind !== "both") continue;
    const verdict = mayDecideGate(gate.approvers, login, permission, separated, unlinkedCommit);
    if (!verdict.allowed) return { allowed: false, why: `switching away from the \`${workflow}\` workflow needs an approver its gates accept, and ${verdict.why}` };
  }
  return { allowed: true, why: `${permission} permission` };
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
