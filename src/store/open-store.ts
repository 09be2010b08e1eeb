import { migrate } from "./migrate.ts";
import { openPgliteSql } from "./pglite-sql.ts";
import { openPostgresSql } from "./postgres-sql.ts";
import type { Sql } from "./sql.ts";
import { waitOnFullDisk } from "./wait-on-full-disk.ts";

export interface StoreOptions {
  /** A PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; undefined keeps the database in memory (tests, demo). */
  dataDir?: string | undefined;
}

/** Opens the database named by the options and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Sql> {
  const sql = options.databaseUrl ? await openPostgresSql(options.databaseUrl) : await openPgliteSql(options.dataDir);
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return waitOnFullDisk(sql);
}
