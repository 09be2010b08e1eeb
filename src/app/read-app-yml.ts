import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const packageAppYml = fileURLToPath(new URL("../../app.yml", import.meta.url));

/**
 * app.yml, the manifest the app is registered from, checked enough that GitHub would not refuse it
 * for its shape. The working folder's (as Probot reads it) wins; `npm start` run from elsewhere
 * registers from Pitwall's own.
 */
export function readAppYml(cwd: string): Record<string, unknown> {
  const own = join(cwd, "app.yml");
  const path = existsSync(own) ? own : packageAppYml;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`app.yml could not be read at ${path} (the GitHub App is registered from it): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new Error(`app.yml is not valid YAML: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("app.yml must be a mapping of manifest fields (name, description, default_permissions, …)");
  const manifest = parsed as Record<string, unknown>;
  if (typeof manifest["name"] !== "string" || manifest["name"].trim() === "") throw new Error("app.yml must give the app a name");
  return manifest;
}
