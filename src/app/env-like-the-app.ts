import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/**
 * The environment with `.env` in the working folder applied over it, the way Probot does for the
 * app: the command-line tools (`npm run cost`, the demo's `--keep-data`) then find the same
 * database and data folder as `npm start`.
 */
export function envLikeTheApp(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  try {
    return { ...env, ...parseEnv(readFileSync(join(cwd, ".env"), "utf8")) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return env;
    throw error;
  }
}
