// `npm run demo [-- --workflow <name>] [--rerun] [--show card,cost,gate] [--keep-data [folder]]`:
// one default workflow from label to done, offline. The real app runs against the wind tunnel's
// fake GitHub (with a CI and a deploy system) and fake Anthropic server; the demo plays the
// people and prints each event as it happens, then the audit trail and the ledger (demo/run-demo.ts).
// `--help` for the rest. With DATABASE_URL set, the app stores its state on that PostgreSQL
// server instead of in-memory PGlite; with `--keep-data`, in a PGlite folder it leaves behind for
// `npm run cost`.
import { envLikeTheApp } from "../src/app/env-like-the-app.ts";
import { readPitwallEnv } from "../src/app/read-pitwall-env.ts";
import { claimDemoDataFolder, DemoDataFolderNotEmptyError } from "./demo/claim-demo-data-folder.ts";
import { exitWithUsage } from "./read-command-line.ts";
import { demoUsage, demoWorkflows, readDemoOptions } from "./demo/read-demo-options.ts";

const env = readPitwallEnv();
// Where `npm run cost` will look (it applies .env like the app), so a kept folder is found there.
const costEnv = readPitwallEnv(envLikeTheApp());
// A folder of its own, never the app's: the demo's fake acme/rocket must not mix into an installation's
// database (or its cost report), and a real `npm start` must not open the demo's.
const demoDataDir = ".data/demo";
const usage = demoUsage(demoWorkflows, demoDataDir);
const line = readDemoOptions(process.argv.slice(2), { defaultDataDir: demoDataDir, databaseUrl: costEnv.databaseUrl });
if (line.kind === "help") exitWithUsage("npm run demo", usage);
if (line.kind === "bad") exitWithUsage("npm run demo", usage, line.message);
const options = line.options;

if (options.keepData !== undefined) {
  try {
    claimDemoDataFolder(options.keepData);
  } catch (error) {
    process.stderr.write(`npm run demo: ${error instanceof Error ? error.message : String(error)}\n`);
    // A folder holding other data is a bad choice of argument (2); one a running Pitwall holds
    // (DataFolderLockedError, which names the process), the machine's state (1).
    process.exit(error instanceof DemoDataFolderNotEmptyError ? 2 : 1);
  }
}

// Loaded only now: the wind tunnel and the app take seconds to import, and `--help` should not wait.
const { runDemo } = await import("./demo/run-demo.ts");
process.exitCode = await runDemo(options, { databaseUrl: env.databaseUrl, costDataDir: costEnv.dataDir }).catch((error: unknown) => {
  // The data folder's lock goes with the process (data-folder-lock.ts); the cause is what the user needs.
  process.stderr.write(`npm run demo: the demo stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
