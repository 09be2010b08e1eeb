import { visibleLines } from "./visible-lines.ts";

// Slash commands, parsed from what a person sees in a comment (visible-lines.ts): a
// command counts only typed plainly at the start of a line a reader sees as text — not in an HTML
// comment, a quote, code, a collapsed `<details>` or another hiding element, or a link reference
// definition — so quoting someone's `/approve`, pasting a log or hiding a line never acts. A line
// that reads as a command only once invisible characters are removed or look-alikes normalised
// (NFKC: a byte-order mark, a zero-width space, a fullwidth `／`) does not run: it is answered as
// disguised. Names match in any case (`/APPROVE` is `/approve`), and so do the fixed words
// (`budget`, tiers, workflow names); reasons and finding ids keep what was typed.

export const commandNames = ["approve", "reject", "retry", "rerun", "status", "cost", "pause", "resume", "cancel", "workflow", "tier", "waive"] as const;
export type CommandName = (typeof commandNames)[number];

export type Command =
  | { name: "approve"; budget: boolean }
  | { name: "reject"; reason: string }
  | { name: "retry" | "rerun" | "status" | "cost" | "pause" | "resume" | "cancel" }
  | { name: "workflow"; workflow: string }
  | { name: "tier"; tier: string }
  | { name: "waive"; finding: string; reason: string };

export type ParsedLine = { ok: true; command: Command; line: string } | { ok: false; line: string; error: string; usage: string };

export const usage: Record<CommandName, string> = {
  approve: "`/approve` approves the current gate; `/approve budget` lets a dispatch the budget holds back go ahead",
  reject: "`/reject <why>` re-runs the pass with your reason as feedback",
  retry: "`/retry` re-runs a failed pass",
  rerun: "`/rerun` runs a finished work item again: passes whose inputs are unchanged are reused, the ones downstream of a change run",
  status: "`/status` refreshes the status card",
  cost: "`/cost` posts the cost breakdown",
  pause: "`/pause` stops the work item after the running pass",
  resume: "`/resume` continues a paused work item",
  cancel: "`/cancel` ends the work item",
  workflow: "`/workflow <name>` switches the workflow before the first gate",
  tier: "`/tier cheap|mid|frontier` sets the model tier for the next run of the current pass",
  waive: "`/waive <finding-id> <why>` dismisses one verifier finding",
};

const commandLine = /^\/([a-z][a-z-]*)(?:[ \t]+(.*))?$/i;
/** A command as typed: ASCII slash and name at the start of the raw line, nothing hidden in between. */
const plainCommand = /^ {0,3}\/[a-z][a-z-]*(?:[ \t]|$)/i;

/** Every command line in a comment, in order; lines that look like commands but are not valid come back as errors. */
export function parseCommands(body: string): ParsedLine[] {
  const results: ParsedLine[] = [];
  for (const { raw, text } of visibleLines(body)) {
    const line = text.trim();
    const match = commandLine.exec(line);
    if (!match?.[1]) continue;
    const name = match[1].toLowerCase();
    if (!plainCommand.test(raw)) {
      // Only known names are answered: stray text that normalises to `/something` is not worth a reply.
      if (isCommandName(name)) results.push({ ok: false, line, error: `\`/${name}\` was not read: its line holds hidden or look-alike characters (such as a byte-order mark, a zero-width space or a fullwidth slash) or an HTML comment. Type the command plainly at the start of a line`, usage: usage[name] });
      continue;
    }
    results.push(parseOne(name, (match[2] ?? "").trim(), line));
  }
  return results;
}

function parseOne(name: string, args: string, line: string): ParsedLine {
  if (!isCommandName(name)) {
    return { ok: false, line, error: `\`/${name}\` is not a Pitwall command`, usage: Object.values(usage).join("\n- ") };
  }
  const bad = (error: string): ParsedLine => ({ ok: false, line, error, usage: usage[name] });
  const ok = (command: Command): ParsedLine => ({ ok: true, command, line });
  const word = args.toLowerCase();
  switch (name) {
    case "approve":
      if (args === "") return ok({ name, budget: false });
      if (word === "budget") return ok({ name, budget: true });
      return bad(`\`/approve\` takes nothing or \`budget\`, not \`${args}\``);
    case "reject":
      return args ? ok({ name, reason: args }) : bad("`/reject` needs a reason, so the agent knows what to change");
    case "workflow":
      return /^[a-z][a-z0-9-]*$/.test(word) ? ok({ name, workflow: word }) : bad("`/workflow` needs one workflow name");
    case "tier":
      return ["cheap", "mid", "frontier"].includes(word) ? ok({ name, tier: word }) : bad("`/tier` needs `cheap`, `mid` or `frontier`");
    case "waive": {
      const [finding, ...why] = args.split(/\s+/);
      return finding && why.length > 0 ? ok({ name, finding, reason: why.join(" ") }) : bad("`/waive` needs a finding id and a reason");
    }
    case "retry":
    case "rerun":
    case "status":
    case "cost":
    case "pause":
    case "resume":
    case "cancel":
      return args === "" ? ok({ name }) : bad(`\`/${name}\` takes no arguments`);
  }
}

function isCommandName(name: string): name is CommandName {
  return (commandNames as readonly string[]).includes(name);
}
