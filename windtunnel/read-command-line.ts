import { parseArgs, type ParseArgsConfig } from "node:util";

// The scripts a user runs from npm (demo, benches) answer like tools: `--help` prints the usage
// and exits 0; a bad argument prints what is wrong and the usage on stderr and exits 2 — never a
// Node stack trace.

export type CommandLine<T extends ParseArgsConfig> = { kind: "help" } | { kind: "bad"; message: string } | { kind: "ok"; parsed: ReturnType<typeof parseArgs<T>> };

/** Parses strictly (unknown options are errors); `--help` or `-h` before a `--` wins over everything else. */
export function parseCommandLine<T extends ParseArgsConfig & { args: string[] }>(config: T): CommandLine<T> {
  const end = config.args.indexOf("--");
  if (config.args.slice(0, end === -1 ? undefined : end).some((arg) => arg === "--help" || arg === "-h")) return { kind: "help" };
  try {
    return { kind: "ok", parsed: parseArgs<T>(config) };
  } catch (error) {
    return { kind: "bad", message: error instanceof Error ? error.message : String(error) };
  }
}

/** Prints the usage and ends the process: on stdout with 0 for `--help`, on stderr with 2 after the problem. */
export function exitWithUsage(name: string, usage: string, problem?: string): never {
  if (problem === undefined) {
    process.stdout.write(usage);
    process.exit(0);
  }
  process.stderr.write(`${name}: ${problem}\n\n${usage}`);
  process.exit(2);
}

/** The parsed command line, or the usage and an exit. */
export function readCommandLine<T extends ParseArgsConfig & { args: string[] }>(name: string, usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const line = parseCommandLine(config);
  if (line.kind === "help") return exitWithUsage(name, usage);
  if (line.kind === "bad") return exitWithUsage(name, usage, line.message);
  return line.parsed;
}
