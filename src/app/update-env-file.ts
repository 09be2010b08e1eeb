import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * Sets `values` in the .env file at `path`, keeping its other settings (the file Probot and
 * `npm start` read). A multi-line value (a private key) is written double-quoted with `\n`.
 */
export function updateEnvFile(path: string, values: Record<string, string>): void {
  let current: Record<string, string | undefined> = {};
  try {
    current = parseEnv(readFileSync(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const merged = { ...current, ...values };
  const lines = Object.entries(merged).flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${formatValue(value)}`]));
  writeFileSync(path, `${lines.join("\n")}\n`, { mode: 0o600 });
  // It holds the app's private key: readable by its owner only, even if it existed before.
  chmodSync(path, 0o600);
}

function formatValue(value: string): string {
  if (!/[\n\r"'#\s\\]/.test(value)) return value;
  if (value.includes('"')) throw new Error("a value with a double quote cannot be written to .env");
  return `"${value.replace(/\r?\n/g, "\\n")}"`;
}
