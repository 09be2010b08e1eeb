import { resolve } from "node:path";
import { redactSecrets } from "../agents/secret-scanner.ts";
import { openStore } from "../store/open-store.ts";
import type { Sql } from "../store/sql.ts";
import { describeDatabaseUrl } from "./describe-database-url.ts";
import { StartRefusedError } from "./start-refused-error.ts";
import { withTimeLimit } from "./with-time-limit.ts";

export interface StoreSettings {
  databaseUrl: string | undefined;
  dataDir: string;
}

// A server that never answers (a firewall, a wrong port) would otherwise hold start-up forever.
const postgresTimeLimitMs = 10_000;
// PGlite's first start creates the database in WASM: seconds, more on a busy machine.
const pgliteTimeLimitMs = 60_000;

/** Opens the configured store within a time limit; a failure names the variable to fix, never a password. */
export async function openConfiguredStore(settings: StoreSettings): Promise<Sql> {
  const { databaseUrl, dataDir } = settings;
  try {
    return databaseUrl
      ? await withTimeLimit(openStore({ databaseUrl }), postgresTimeLimitMs, "connecting")
      : await withTimeLimit(openStore({ dataDir }), pgliteTimeLimitMs, "opening it");
  } catch (error) {
    const reason = withoutPassword(error instanceof Error ? error.message : String(error), databaseUrl);
    throw new StartRefusedError([
      databaseUrl
        ? `DATABASE_URL: PostgreSQL at ${describeDatabaseUrl(databaseUrl) ?? "(not a PostgreSQL URL)"} cannot be used: ${reason}`
        : `PITWALL_DATA_DIR: the data folder ${resolve(dataDir)} cannot be created or opened: ${reason}`,
    ]);
  }
}

function withoutPassword(text: string, databaseUrl: string | undefined): string {
  // A driver's message may quote the password as written in the URL (percent-encoded) or decoded.
  const plain = (databaseUrl ? passwordForms(databaseUrl) : []).reduce((masked, password) => masked.split(password).join("***"), text);
  return redactSecrets(plain).text;
}

function passwordForms(url: string): string[] {
  try {
    const raw = new URL(url).password;
    return [...new Set([raw, decodeURIComponent(raw)])].filter((form) => form !== "");
  } catch {
    return [];
  }
}
