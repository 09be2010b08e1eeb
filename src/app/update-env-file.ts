import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual, parseEnv } from "node:util";

/**
 * Sets `values` in the .env file at `path` (the file Probot and `npm start` read), keeping every
 * other line as written: comments, blank lines and other settings. A multi-line value (a private
 * key) is written double-quoted with `\n`. Throws, writing nothing, when the result would not
 * read back as the old settings plus `values`.
 */
export function updateEnvFile(path: string, values: Record<string, string>): void {
  let before = "";
  try {
    before = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const after = withValues(before, values);
  // The file is read by parseEnv's rules, not ours: check the result before it replaces anything.
  if (!isDeepStrictEqual({ ...parseEnv(after) }, { ...parseEnv(before), ...values })) throw new Error(`${path} would not read back as written (a value it cannot quote?)`);
  writeFileSync(path, after, { mode: 0o600 });
  // It holds the app's private key: readable by its owner only, even if it existed before.
  chmodSync(path, 0o600);
}

/** `text` with each key of `values` set in place (its first line; later ones dropped) or appended. */
function withValues(text: string, values: Record<string, string>): string {
  const pending = new Map(Object.entries(values));
  const kept: string[] = [];
  for (const entry of entries(text)) {
    const key = /^\s*(?:export\s+)?([\w.-]+)\s*=/.exec(entry)?.[1];
    if (key === undefined || !(key in values)) kept.push(entry);
    else if (pending.has(key)) {
      kept.push(`${key}=${formatValue(values[key] ?? "")}`);
      pending.delete(key);
    }
  }
  while (kept.length > 0 && kept.at(-1) === "") kept.pop();
  for (const [key, value] of pending) kept.push(`${key}=${formatValue(value)}`);
  return kept.length === 0 ? "" : `${kept.join("\n")}\n`;
}

/** The lines of a .env file, a quoted value that spans lines kept as one entry. */
function entries(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const result: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let entry = lines[i] ?? "";
    const opened = /^\s*(?:export\s+)?[\w.-]+\s*=\s*(["'`])(.*)$/.exec(entry);
    const quote = opened?.[1];
    if (quote !== undefined && !(opened?.[2] ?? "").includes(quote)) {
      // The value goes on until the line that closes its quote.
      while (i + 1 < lines.length) {
        const next = lines[++i] ?? "";
        entry += `\n${next}`;
        if (next.includes(quote)) break;
      }
    }
    result.push(entry);
  }
  return result;
}

function formatValue(value: string): string {
  if (!/[\n\r"'`#\s\\$]/.test(value)) return value;
  // Single quotes keep everything but newlines as written.
  if (!/[\r\n']/.test(value)) return `'${value}'`;
  if (!/[\r\n`]/.test(value)) return `\`${value}\``;
  // Only double quotes turn \n into a newline.
  if (value.includes('"')) throw new Error("a multi-line value with a double quote cannot be written to .env");
  return `"${value.replace(/\r?\n/g, "\\n")}"`;
}
