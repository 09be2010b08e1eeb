import { join } from "node:path";
import { updateEnvFile } from "./update-env-file.ts";

/** Where an app's credentials were written: .env, or a file of their own when .env could not be updated. */
export type SavedCredentials = { kind: "env"; file: string } | { kind: "aside"; file: string; reason: string };

/**
 * Writes credentials to `.env` in `cwd`. GitHub hands a new app's private key over once, so when
 * .env cannot be updated they go to `.env.pitwall-<time>` (owner-only) instead of being lost.
 * Throws only when neither can be written.
 */
export function saveCredentials(cwd: string, values: Record<string, string>, now: Date = new Date()): SavedCredentials {
  const env = join(cwd, ".env");
  try {
    updateEnvFile(env, values);
    return { kind: "env", file: env };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const aside = join(cwd, `.env.pitwall-${now.toISOString().replace(/[:.]/g, "-")}`);
    try {
      updateEnvFile(aside, values);
    } catch (asideError) {
      throw new Error(`neither ${env} (${reason}) nor ${aside} (${asideError instanceof Error ? asideError.message : String(asideError)}) could be written`, { cause: asideError });
    }
    return { kind: "aside", file: aside, reason };
  }
}
