import { describe, expect, it } from "vitest";
import { commandsPerComment, composeAnswer, invalidAnswer, parseCommands, planCommands } from "../../src/commands/index.ts";

describe("planCommands", () => {
  it("reads each distinct line once, and at most commandsPerComment of them", () => {
    const body = ["/status", "/STATUS", ...Array.from({ length: 30 }, (_, index) => `/reject reason ${index}`)].join("\n");
    const plan = planCommands(parseCommands(body));
    expect(plan.read).toHaveLength(commandsPerComment);
    expect(plan.read[0]).toMatchObject({ ok: true, command: { name: "status" } });
    expect(plan.unread).toBe(31 - commandsPerComment);
  });
});

describe("composeAnswer", () => {
  it("keeps one command's answer as it reads alone, with its usage", () => {
    const [parsed] = parseCommands("/reject");
    if (!parsed || parsed.ok) throw new Error("expected an invalid line");
    expect(composeAnswer("carol", [invalidAnswer(parsed)], 0)).toBe("@carol `/reject` needs a reason, so the agent knows what to change.\n\nUsage:\n- `/reject <why>` re-runs the pass with your reason as feedback");
  });

  it("lists several answers under their commands, each usage once, and what was not read", () => {
    const answers = parseCommands("/tier huge\n/tier tiny\n/resume").flatMap((parsed) => (parsed.ok ? [{ name: parsed.command.name, text: "the work item is not paused." }] : [invalidAnswer(parsed)]));
    const text = composeAnswer("bob", answers, 4) ?? "";
    expect(text).toContain("- `/tier`: `/tier` needs `cheap`, `mid` or `frontier`.\n- `/tier`: `/tier` needs");
    expect(text).toContain("- `/resume`: the work item is not paused.");
    expect(text.match(/`\/tier cheap\|mid\|frontier` sets/g)).toHaveLength(1);
    expect(text).toContain(`at most ${commandsPerComment} command lines of a comment are read; 4 more were not`);
  });

  it("says nothing when there is nothing to say", () => {
    expect(composeAnswer("bob", [], 0)).toBeUndefined();
  });
});
