import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/**
 * Applies `.env` to `env` as Probot's `run()` does (its values win over the process's), so that
 * Pitwall checks the settings Probot will run with before it starts.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): void {
  let text: string;
  try {
    text = readFileSync(join(cwd, ".env"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  Object.assign(env, parseEnv(text));
}
