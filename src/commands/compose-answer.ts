import type { ParsedLine } from "./parse-commands.ts";
import { commandsPerComment } from "./plan-commands.ts";

// The one reply a comment gets (issue 13): every command's answer, the usage of what was typed
// wrong (once each), and how many lines were not read. One command's answer reads as it always
// did; several are a list, each under its command.

export interface CommandAnswer {
  /** The command answered (`approve`), shown before its text when there are several. */
  name: string;
  text: string;
  usage?: string | undefined;
}

/** The reply to one comment, or undefined when there is nothing to say. */
export function composeAnswer(author: string, answers: CommandAnswer[], unread: number): string | undefined {
  if (answers.length === 0 && unread === 0) return undefined;
  const parts: string[] = [];
  const [only] = answers;
  if (answers.length === 1 && only) parts.push(only.text);
  else if (answers.length > 1) parts.push(answers.map((answer) => `- \`/${answer.name}\`: ${answer.text}`).join("\n"));
  const usages = [...new Set(answers.flatMap((answer) => (answer.usage ? [answer.usage] : [])))];
  if (usages.length > 0) parts.push(`Usage:\n- ${usages.join("\n- ")}`);
  if (unread > 0) parts.push(`${answers.length === 0 ? "" : "Also: "}at most ${commandsPerComment} command lines of a comment are read; ${unread} more were not, and nothing was done about them. Write a new comment for what you still mean.`);
  return `@${author} ${parts.join("\n\n")}`;
}

/** The answer to a line that looks like a command but is not a valid one. */
export function invalidAnswer(parsed: Extract<ParsedLine, { ok: false }>): CommandAnswer {
  return { name: /^\/([a-z][a-z-]*)/i.exec(parsed.line)?.[1]?.toLowerCase() ?? "?", text: `${parsed.error}.`, usage: parsed.usage };
}
