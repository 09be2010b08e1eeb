import type { ParsedLine } from "./parse-commands.ts";

// One comment, one answer (issue 13): however many command lines a comment holds, only the first
// few distinct ones are read, so a comment of hundreds of lines costs what a short one does.

/** How many distinct command lines of one comment are read; the rest are counted and the author told. */
export const commandsPerComment = 10;

export interface CommandPlan {
  /** The distinct command lines read, in order (a line repeated in the comment is read once). */
  read: ParsedLine[];
  /** Distinct command lines past `commandsPerComment`: not read, not acted on. */
  unread: number;
}

export function planCommands(lines: ParsedLine[]): CommandPlan {
  const seen = new Set<string>();
  const distinct = lines.filter((parsed) => {
    const key = parsed.line.toLowerCase().replace(/\s+/g, " ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { read: distinct.slice(0, commandsPerComment), unread: Math.max(0, distinct.length - commandsPerComment) };
}
