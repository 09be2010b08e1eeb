import { WaitError } from "../scheduler/job-errors.ts";
import type { Sql } from "./sql.ts";

/**
 * A full disk under the database: PostgreSQL's SQLSTATE 53100 (disk_full, "could not extend
 * file"), or the file system's ENOSPC under PGlite's data folder.
 */
export function isDiskFull(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "53100" || code === "ENOSPC" || (typeof message === "string" && /could not extend file|no space left on device/i.test(message));
}

/**
 * The store with a full disk told as a wait (`WaitError`), not as an ordinary failure: the job
 * that met it is retried with backoff without spending its attempts, and the card says what it
 * waits for, instead of failing for good or stalling in silence.
 */
export function waitOnFullDisk(sql: Sql): Sql {
  const told = (error: unknown): never => {
    if (error instanceof WaitError || !isDiskFull(error)) throw error;
    throw new WaitError("disk space for the database", "the disk is full", 0, { cause: error });
  };
  // Spread: whatever else an adapter offers stays as it is.
  return {
    ...sql,
    query: <Row extends object>(text: string, params?: Parameters<Sql["query"]>[1]) => sql.query<Row>(text, params).catch(told),
    exec: (text) => sql.exec(text).catch(told),
    transaction: (fn) => sql.transaction((tx) => fn(waitOnFullDisk(tx))).catch(told),
  };
}
