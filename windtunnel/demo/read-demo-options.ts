import { parseCommandLine } from "../read-command-line.ts";

// `npm run demo` flags, read purely: the demo's entry point prints the usage or runs.

/** The demo's scenarios, one per default workflow (demo-scenarios.ts). */
export const demoWorkflows = ["feature", "bug", "security", "refactor", "docs"] as const;
export type DemoWorkflow = (typeof demoWorkflows)[number];

export const showableParts = ["card", "cost", "gate"] as const;
export type ShowablePart = (typeof showableParts)[number];

export interface DemoOptions {
  workflow: DemoWorkflow;
  rerun: boolean;
  show: ShowablePart[];
  /** The PGlite folder the demo's app stores in and leaves behind; undefined keeps it in memory. */
  keepData: string | undefined;
}

export const demoUsage = (workflows: readonly string[], defaultDataDir: string) => `Usage: npm run demo -- [--workflow <name>] [--rerun] [--show <parts>] [--keep-data [folder]]

Runs one default workflow from label to done, offline, against the wind tunnel (a fake GitHub
with a CI and a deploy system, and fake model vendors), and prints each event as it happens,
then the audit trail and the ledger.

  --workflow <name>     ${workflows.join(" | ")}  (default: feature)
  --rerun               then edit an artifact, answer /rerun, and show what the artifact cache reused
  --show <parts>        also print, at the end, comma-separated: card (the final status card
                        comment), cost (Pitwall's last cost summary comment), gate (the last
                        pass's pitwall/gate check run), e.g. --show card,cost,gate
  --keep-data [folder]  store the demo's data in a PGlite folder and leave it there for
                        \`npm run cost\` (default: ${defaultDataDir}, a folder of its own, not
                        the app's); the folder must be new or empty
  -h, --help            print this and exit

With DATABASE_URL set (and no --keep-data), the demo's app uses a throw-away database on that
PostgreSQL server, dropped at the end.
`;

export type DemoCommandLine = { kind: "help" } | { kind: "bad"; message: string } | { kind: "ok"; options: DemoOptions };

/** `--keep-data` takes an optional folder: given none (the next argument is another flag, or there is none), the default. */
function withKeepDataFolder(argv: readonly string[], defaultDataDir: string): string[] {
  return argv.flatMap((arg, index) => (arg === "--keep-data" && (argv[index + 1] === undefined || argv[index + 1]?.startsWith("-")) ? [arg, defaultDataDir] : [arg]));
}

export function readDemoOptions(argv: readonly string[], context: { defaultDataDir: string; databaseUrl: string | undefined }): DemoCommandLine {
  const line = parseCommandLine({
    args: withKeepDataFolder(argv, context.defaultDataDir),
    allowPositionals: false,
    options: {
      workflow: { type: "string", default: "feature" },
      rerun: { type: "boolean", default: false },
      show: { type: "string" },
      "keep-data": { type: "string" },
    },
  });
  if (line.kind !== "ok") return line;
  const { values } = line.parsed;
  const workflow = demoWorkflows.find((name) => name === values.workflow);
  if (!workflow) return { kind: "bad", message: `unknown workflow "${values.workflow}"; choose one of ${demoWorkflows.join(", ")}.` };
  const parts = values.show === undefined ? [] : values.show.split(",").map((part) => part.trim());
  const unknown = parts.filter((part) => !(showableParts as readonly string[]).includes(part));
  if (unknown.length > 0 || (values.show !== undefined && parts.every((part) => part === ""))) {
    return { kind: "bad", message: `--show takes ${showableParts.join(", ")} (comma-separated); got "${values.show ?? ""}".` };
  }
  const keepData = values["keep-data"];
  if (keepData !== undefined && keepData.trim() === "") return { kind: "bad", message: "--keep-data needs a folder name, or nothing for the default." };
  // `npm run cost` reads DATABASE_URL before any folder, so a kept folder would be invisible to it.
  if (keepData !== undefined && context.databaseUrl) return { kind: "bad", message: "--keep-data keeps a PGlite folder, but DATABASE_URL is set (in the environment or .env), and then `npm run cost` reads that server, not the folder. Unset it to keep the demo's data." };
  return { kind: "ok", options: { workflow, rerun: values.rerun, show: showableParts.filter((part) => parts.includes(part)), keepData } };
}
