import { describe, expect, it } from "vitest";
import { mayDecideGate, maySwitchWorkflow, parseCommands } from "../../src/commands/index.ts";

describe("parseCommands", () => {
  it("reads commands only at the start of a line", () => {
    expect(parseCommands("/approve")).toEqual([{ ok: true, command: { name: "approve", budget: false }, line: "/approve" }]);
    expect(parseCommands("Looks good.\n/approve\nthanks")).toHaveLength(1);
    expect(parseCommands("please /approve this")).toEqual([]);
  });

  it("ignores quoted text and code", () => {
    expect(parseCommands("> /approve\n")).toEqual([]);
    expect(parseCommands("```\n/approve\n```\n")).toEqual([]);
    expect(parseCommands("~~~\n/approve\n~~~\n/status")).toMatchObject([{ ok: true, command: { name: "status" } }]);
    expect(parseCommands("    /approve")).toEqual([]);
  });

  it("parses arguments", () => {
    expect(parseCommands("/approve budget")[0]).toMatchObject({ ok: true, command: { name: "approve", budget: true } });
    expect(parseCommands("/reject the spec misses R3")[0]).toMatchObject({ ok: true, command: { name: "reject", reason: "the spec misses R3" } });
    expect(parseCommands("/tier frontier")[0]).toMatchObject({ ok: true, command: { name: "tier", tier: "frontier" } });
    expect(parseCommands("/waive F12 false positive")[0]).toMatchObject({ ok: true, command: { name: "waive", finding: "F12", reason: "false positive" } });
  });

  it("matches names and fixed words in any case; reasons and finding ids keep theirs", () => {
    expect(parseCommands("/APPROVE")[0]).toMatchObject({ ok: true, command: { name: "approve", budget: false } });
    expect(parseCommands("/Approve BUDGET")[0]).toMatchObject({ ok: true, command: { name: "approve", budget: true } });
    expect(parseCommands("/Reject Name The OS Setting")[0]).toMatchObject({ ok: true, command: { name: "reject", reason: "Name The OS Setting" } });
    expect(parseCommands("/Tier Frontier")[0]).toMatchObject({ ok: true, command: { name: "tier", tier: "frontier" } });
    expect(parseCommands("/WORKFLOW Security")[0]).toMatchObject({ ok: true, command: { name: "workflow", workflow: "security" } });
    expect(parseCommands("/Waive F12 Known False Positive")[0]).toMatchObject({ ok: true, command: { name: "waive", finding: "F12", reason: "Known False Positive" } });
    expect(parseCommands("/Frobnicate")[0]).toMatchObject({ ok: false, error: "`/frobnicate` is not a Pitwall command" });
  });

  it("answers malformed and unknown commands with usage", () => {
    expect(parseCommands("/reject")[0]).toMatchObject({ ok: false, error: expect.stringContaining("needs a reason") as string, usage: expect.stringContaining("/reject <why>") as string });
    expect(parseCommands("/approve everything")[0]).toMatchObject({ ok: false });
    expect(parseCommands("/tier huge")[0]).toMatchObject({ ok: false });
    expect(parseCommands("/rerun")[0]).toMatchObject({ ok: true, command: { name: "rerun" } });
    expect(parseCommands("/rerun now")[0]).toMatchObject({ ok: false, error: "`/rerun` takes no arguments", usage: expect.stringContaining("passes whose inputs are unchanged are reused") as string });
    expect(parseCommands("/deploy")[0]).toMatchObject({ ok: false, error: "`/deploy` is not a Pitwall command" });
  });
});

describe("mayDecideGate", () => {
  it.each([
    ["write", "admin", true],
    ["write", "write", true],
    ["write", "read", false],
    ["write", "none", false],
    ["admin", "write", false],
  ] as const)("rule %s with %s permission → %s", (rule, permission, allowed) => {
    expect(mayDecideGate(rule, "alice", permission).allowed).toBe(allowed);
  });

  it("checks named approvers case-insensitively and still needs write access", () => {
    expect(mayDecideGate({ users: ["Alice"] }, "alice", "write").allowed).toBe(true);
    expect(mayDecideGate({ users: ["alice"] }, "bob", "admin").allowed).toBe(false);
    expect(mayDecideGate({ users: ["alice"] }, "alice", "read").allowed).toBe(false);
  });

  it("refuses the person the gate must be separate from, whatever their case or permission", () => {
    expect(mayDecideGate("write", "Alice", "admin", [{ login: "alice", role: "initiator" }])).toEqual({ allowed: false, why: "this gate needs an approver other than @alice, who started the work item (separation of duties)" });
    expect(mayDecideGate("write", "carol", "write", [{ login: "alice", role: "initiator" }]).allowed).toBe(true);
  });

  it("refuses the issue's author and anyone who pushed, saying which they are", () => {
    const separated = [
      { login: "alice", role: "initiator" as const },
      { login: "carol", role: "issue_author" as const },
      { login: "Dave", role: "pusher" as const },
    ];
    expect(mayDecideGate("write", "carol", "write", separated).why).toBe("this gate needs an approver other than @carol, who opened the issue (separation of duties)");
    expect(mayDecideGate("write", "dave", "admin", separated).why).toBe("this gate needs an approver other than @Dave, who pushed to this pull request (separation of duties)");
    expect(mayDecideGate("write", "erin", "write", separated).allowed).toBe(true);
    // A person without the approver rule's permission is told that first.
    expect(mayDecideGate("admin", "carol", "write", separated).why).toBe("this gate needs admin permission on the repository; yours is write");
  });

  it("refuses everyone when a commit's author is linked to no account (fail closed), naming the commit", () => {
    const verdict = mayDecideGate("write", "erin", "admin", [{ login: "dave", role: "pusher" }], "0123456789abcdef");
    expect(verdict.allowed).toBe(false);
    expect(verdict.why).toContain("a commit on this pull request (`0123456`) is by an author GitHub cannot link to an account, so separation of duties cannot be checked");
    // A named pusher is told that they pushed; a person without permission, that they lack it.
    expect(mayDecideGate("write", "dave", "write", [{ login: "dave", role: "pusher" }], "0123456789abcdef").why).toContain("who pushed to this pull request");
    expect(mayDecideGate("write", "erin", "read", [], "0123456789abcdef").why).toContain("needs write permission on the repository; yours is read");
    expect(maySwitchWorkflow("security", [{ kind: "human", approvers: "write" as const }], "erin", "write", [], "0123456789abcdef").allowed).toBe(false);
  });
});

describe("maySwitchWorkflow", () => {
  const security = [
    { kind: "human", approvers: "write" as const },
    { kind: "both", approvers: "maintain" as const },
    { kind: "agent", approvers: "admin" as const },
  ];
  const separated = [{ login: "alice", role: "initiator" as const }];

  it("needs an approver every human gate of the workflow left behind accepts", () => {
    expect(maySwitchWorkflow("security", security, "carol", "write", separated).allowed).toBe(true);
    expect(maySwitchWorkflow("security", security, "alice", "admin", separated)).toEqual({
      allowed: false,
      why: "switching away from the `security` workflow needs an approver its gates accept, and this gate needs an approver other than @alice, who started the work item (separation of duties)",
    });
    expect(maySwitchWorkflow("security", [...security, { kind: "human", approvers: "admin" as const }], "carol", "write", separated).allowed).toBe(false);
  });

  it("asks nothing more of a workflow whose gates are agents' and CI's", () => {
    expect(maySwitchWorkflow("refactor", [{ kind: "agent", approvers: "admin" as const }, { kind: "ci", approvers: "admin" as const }], "alice", "write", separated).allowed).toBe(true);
  });
});
