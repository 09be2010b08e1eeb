import { createScratchDatabase } from "../../src/store/create-scratch-database.ts";
import { openStore, type Sql } from "../../src/store/index.ts";

/**
 * The databases the store is tested on: PGlite always, and a PostgreSQL server when
 * PITWALL_TEST_DATABASE_URL points at one (`.ci/run` starts one on loopback). Each PostgreSQL
 * store is a fresh database, left on the server (CI's cluster is thrown away).
 */
export const storeBackends: { name: string; open: () => Promise<Sql> }[] = [
  { name: "PGlite", open: () => openStore({}) },
  ...(process.env.PITWALL_TEST_DATABASE_URL ? [{ name: "PostgreSQL", open: () => freshPostgres(process.env.PITWALL_TEST_DATABASE_URL ?? "") }] : []),
];

/** Creates an empty database on the server and opens the store on it. */
async function freshPostgres(serverUrl: string): Promise<Sql> {
  const database = await createScratchDatabase(serverUrl, "pitwall_test");
  return openStore({ databaseUrl: database.url });
}
