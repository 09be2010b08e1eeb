import { run } from "probot";
import { startPitwall, type PitwallRuntime } from "./start-pitwall.ts";
import { prepareStart, type PreparedStart } from "./prepare-start.ts";
import { StartRefusedError } from "./start-refused-error.ts";
import { startRegistration } from "./start-registration.ts";
import { redactSecrets } from "../agents/secret-scanner.ts";

// `npm start`. Without APP_ID and a private key (setup mode), Pitwall serves its registration page: create
// the GitHub App from app.yml in a few clicks, and the credentials are written to .env.
let runtime: PitwallRuntime | undefined;
let prepared: PreparedStart | undefined;
try {
  // Settings are checked, the store opened and GitHub asked before Probot starts (README "Configuration").
  prepared = await prepareStart();
  const { log, pitwall } = prepared;
  const server =
    pitwall === undefined
      ? await startRegistration({ log })
      : await run(
          async (app, { addHandler }) => {
            runtime = await startPitwall(app, { addHandler, ...pitwall });
          },
          // Pitwall's logger, not Probot's default: it redacts bodies and credentials.
          { log },
        );
  prepared.announce();
  const shutdown = async () => {
    await server.stop();
    await runtime?.stop();
    await prepared?.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
} catch (error) {
  const problems = error instanceof StartRefusedError ? error.problems : [error instanceof Error ? error.message : String(error)];
  // Not through the logger (it may be what failed); a library's message could still hold a credential.
  console.error(redactSecrets(`Pitwall could not start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`).text);
  await runtime?.stop();
  await prepared?.close();
  process.exit(1);
}
