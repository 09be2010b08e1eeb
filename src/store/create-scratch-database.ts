import { randomBytes } from "node:crypto";
import pg from "pg";

export interface ScratchDatabase {
  /** The connection string of the new, empty database (same server, role and options). */
  url: string;
  name: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the server `serverUrl` points at, for one wind tunnel, demo or
 * store test: its own tables, job queue and advisory locks, never mixed with the app's data or
 * another run's. The role needs CREATEDB.
 */
export async function createScratchDatabase(serverUrl: string, prefix: "pitwall_test" | "pitwall_tunnel"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `create database ${name}`).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not create the throw-away database ${name} on ${new URL(serverUrl).host}: ${reason}. Its role needs CREATEDB.`, { cause: error });
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`) };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
