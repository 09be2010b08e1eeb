/** Settings Pitwall or Probot read, by prefix: a developer's shell or CI may hold any of them. */
const readPrefixes = ["npm_", "PITWALL_", "LOG_", "ANTHROPIC_", "OPENAI_", "GITHUB_"];
/** Settings Pitwall or Probot read, by name (test/packaging/app-process-env.test.ts keeps this whole). */
const readNames = ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "WEBHOOK_PATH", "WEBHOOK_PROXY_URL", "GH_ORG", "GHE_HOST", "GHE_PROTOCOL", "DATABASE_URL", "NODE_ENV", "HOST", "PORT", "NO_SMEE_SETUP", "REDIS_URL", "SENTRY_DSN", "PROJECT_DOMAIN"];

/**
 * The environment of `npm start` under test: the runner's own (`parent`) without anything Pitwall or
 * Probot would read from it, safe defaults, then exactly the test's `env`. The runner's npm_* go too
 * (`npx vitest` sets npm_lifecycle_event=npx, which makes Probot fetch packages with npx).
 */
export function appProcessEnv(parent: NodeJS.ProcessEnv, env: Record<string, string>): Record<string, string> {
  const kept = Object.entries(parent).filter((entry): entry is [string, string] => entry[1] !== undefined && !readNames.includes(entry[0]) && !readPrefixes.some((prefix) => entry[0].startsWith(prefix)));
  // No smee.io channel from a test; JSON lines, which tests read whole.
  return { ...Object.fromEntries(kept), npm_lifecycle_event: "start", NO_SMEE_SETUP: "true", LOG_FORMAT: "json", ...env };
}
