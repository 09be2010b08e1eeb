import { envLikeTheApp } from "./env-like-the-app.ts";

/**
 * Applies `.env` to `env` as Probot's `run()` does (its values win over the process's), so that
 * Pitwall checks the settings Probot will run with before it starts.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): void {
  Object.assign(env, envLikeTheApp(cwd, {}));
}
