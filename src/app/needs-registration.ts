/**
 * Whether `npm start` should serve the registration page: only when neither APP_ID nor a private
 * key is set (Probot's `run` also falls into setup mode when just one is missing, which looks
 * alive while it can receive nothing) and never on a production server, which cannot write .env.
 * `pemInFolder`: Probot also takes the key from a .pem file in the folder it runs in.
 */
export function needsRegistration(env: NodeJS.ProcessEnv, pemInFolder: boolean): boolean {
  const hasKey = Boolean(env.PRIVATE_KEY?.trim() || env.PRIVATE_KEY_PATH?.trim()) || pemInFolder;
  const hasId = Boolean(env.APP_ID?.trim());
  // Probot reads APP_ID with Number(): anything else sends it to its own setup page.
  if (hasId && !/^[1-9]\d*$/.test(env.APP_ID?.trim() ?? "")) throw new Error(`APP_ID must be the app's number (its settings page shows it), not "${env.APP_ID}"`);
  if (hasId && hasKey) return false;
  if (hasId) throw new Error("APP_ID is set but no private key is: set PRIVATE_KEY or PRIVATE_KEY_PATH (or remove APP_ID to register a new app)");
  if (hasKey) throw new Error("a private key is set (PRIVATE_KEY, PRIVATE_KEY_PATH or a .pem file here) but APP_ID is not: set APP_ID (the app's settings page shows it)");
  if (env.NODE_ENV === "production") throw new Error("APP_ID and PRIVATE_KEY are not set, and a production server does not register apps: register with `npm start` on your machine (README \"Installing on GitHub\"), then set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET here");
  return true;
}
