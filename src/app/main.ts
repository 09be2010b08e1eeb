import { run } from "probot";
import { startPitwall, type PitwallRuntime } from "./start-pitwall.ts";
import { createLogger } from "./create-logger.ts";
import { readLogSettings } from "./read-pitwall-env.ts";
import { startRegistrationIfNeeded } from "./start-registration-if-needed.ts";

// `npm start`. Without APP_ID and a private key, Pitwall serves its registration page: create
// the GitHub App from app.yml in a few clicks, and the credentials are written to .env.
let runtime: PitwallRuntime | undefined;
try {
  // Pitwall's logger, not Probot's default: it redacts bodies and credentials (JSON lines on stdout).
  const log = createLogger(readLogSettings());
  const server = (await startRegistrationIfNeeded({ log })) ?? await run(
    async (app, { addHandler }) => {
      runtime = await startPitwall(app, { addHandler });
    },
    { log },
  );
  const shutdown = async () => {
    await server.stop();
    await runtime?.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
} catch (error) {
  console.error(`Pitwall could not start: ${error instanceof Error ? error.message : String(error)}`);
  await runtime?.stop();
  process.exit(1);
}
