import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Sql } from "../../src/store/index.ts";

/**
 * The databases the store is tested on: PGlite always, and a PostgreSQL server when
 * PITWALL_TEST_DATABASE_URL points at one (`.ci/run` starts one on loopback).
 */
export const storeBackends: { name: string; open: () => Promise<Sql> }[] = [
  { name: "PGlite", open: () => openStore({}) },
  ...(process.env.PITWALL_TEST_DATABASE_URL ? [{ name: "PostgreSQL", open: () => freshPostgres(process.env.PITWALL_TEST_DATABASE_URL ?? "") }] : []),
];

/** Creates an empty database on the server and opens the store on it. */
async function freshPostgres(adminUrl: string): Promise<Sql> {
  const name = `pitwall_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return openStore({ databaseUrl: url.toString() });
}
