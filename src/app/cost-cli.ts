import { existsSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { costDimensions, costReport, parsePeriod, parseRepo, renderReport, reportFormats, type CostDimension, type ReportFormat } from "../domain/cost-report.ts";
import { DataFolderLockedError } from "../store/data-folder-lock.ts";
import { ledgerRows, type LedgerReportFilter } from "../store/ledger-report.ts";
import { openStore, type StoreOptions } from "../store/open-store.ts";
import type { Sql } from "../store/sql.ts";
import { envLikeTheApp } from "./env-like-the-app.ts";
import { readPitwallEnv } from "./read-pitwall-env.ts";

// `npm run cost -- --by workflow --period 2026-11 --format csv [--repo owner/name]`: the cost
// reports (by workflow, pass, agent, model, repository, installation or day) from the ledger, read from the same database as the app.

export const usage = `Usage: npm run cost -- [--by <dimension>] [--period <period>] [--format <format>] [--repo owner/name] [--installation <id>]

  --by            ${costDimensions.join(" | ")}  (default: workflow)
  --period        a month (2026-11), days (2026-11-01..2026-11-21, both included)
                  or last-N-days (default: last-30-days); UTC
  --format        ${reportFormats.join(" | ")}  (default: table)
  --repo          only this repository
  --installation  only this GitHub App installation

Reads DATABASE_URL, or else the PGlite folder PITWALL_DATA_DIR (default .data/pitwall), like the app.
`;

export interface CostCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  now(): Date;
  /** Opens the store; defaults to the app's, refusing to create a database that is not there. */
  openStore?: (options: StoreOptions) => Promise<Sql>;
}

interface CostCliOptions {
  by: CostDimension;
  format: ReportFormat;
  filter: LedgerReportFilter;
}

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/** Parses the flags; throws with a message for the user on anything it does not understand. */
function readOptions(argv: readonly string[], now: Date): CostCliOptions | "help" {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      by: { type: "string", default: "workflow" },
      period: { type: "string", default: "last-30-days" },
      format: { type: "string", default: "table" },
      repo: { type: "string" },
      installation: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  if (!isOneOf(costDimensions, values.by)) throw new Error(`--by must be one of ${costDimensions.join(", ")}; got "${values.by}".`);
  if (!isOneOf(reportFormats, values.format)) throw new Error(`--format must be one of ${reportFormats.join(", ")}; got "${values.format}".`);
  const installationId = values.installation === undefined ? undefined : Number(values.installation);
  if (installationId !== undefined && !(Number.isSafeInteger(installationId) && installationId > 0)) {
    throw new Error(`--installation must be a GitHub App installation id (a positive whole number); got "${values.installation}".`);
  }
  return {
    by: values.by,
    format: values.format,
    filter: { ...parsePeriod(values.period, now), installationId, repo: values.repo === undefined ? undefined : parseRepo(values.repo) },
  };
}

/** The app's store, but a missing PGlite folder is an error: a report must not create an empty database. */
async function openExistingStore(options: StoreOptions): Promise<Sql> {
  if (!options.databaseUrl && options.dataDir !== undefined && !existsSync(options.dataDir)) {
    throw new Error(`There is no Pitwall data folder at ${resolve(options.dataDir)}. Run this from the folder the app runs in, or set PITWALL_DATA_DIR or DATABASE_URL as the app has them.`);
  }
  // A folder with neither a database (PGlite's PG_VERSION) nor a running app's lock is not the app's: a report of $0 from it would mislead.
  if (!options.databaseUrl && options.dataDir !== undefined && !existsSync(join(options.dataDir, "PG_VERSION")) && !existsSync(join(options.dataDir, "pitwall.lock"))) {
    throw new Error(`There is no Pitwall database in ${resolve(options.dataDir)} (the folder holds none). Point PITWALL_DATA_DIR at the folder the app or the demo's --keep-data used, or set DATABASE_URL as the app has it.`);
  }
  return openStore(options);
}

/** Runs `pitwall cost`; returns the exit code (0 done, 1 could not read the ledger, 2 bad flags). */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CostCliIo): Promise<number> {
  let options: CostCliOptions | "help";
  try {
    options = readOptions(argv, io.now());
  } catch (error) {
    io.stderr(`pitwall cost: ${messageOf(error)}\n\n${usage}`);
    return 2;
  }
  if (options === "help") {
    io.stdout(usage);
    return 0;
  }
  let sql: Sql;
  let dataDir: string | undefined;
  try {
    const pitwallEnv = readPitwallEnv(env);
    dataDir = pitwallEnv.databaseUrl ? undefined : pitwallEnv.dataDir;
    sql = await (io.openStore ?? openExistingStore)({ databaseUrl: pitwallEnv.databaseUrl, dataDir });
  } catch (error) {
    if (error instanceof DataFolderLockedError) {
      // PGlite allows one process per folder: never open it under a running app.
      io.stderr(
        `pitwall cost: the data folder ${resolve(dataDir ?? "")} is in use by a running Pitwall app, and PGlite allows one process per folder.\n` +
          `Stop the app and run this again, or run the app and this report on a PostgreSQL server with DATABASE_URL.\n`,
      );
    } else {
      io.stderr(`pitwall cost: could not open the database: ${messageOf(error)}\n`);
    }
    return 1;
  }
  try {
    const rows = await ledgerRows(sql, options.filter);
    io.stdout(renderReport(costReport(rows, options.by, options.filter), options.format));
    return 0;
  } catch (error) {
    io.stderr(`pitwall cost: could not read the ledger: ${messageOf(error)}\n`);
    return 1;
  } finally {
    await sql.close();
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntry()) {
  process.exitCode = await main(process.argv.slice(2), envLikeTheApp(), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  });
}
