import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Sql } from "./sql.ts";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));
// Any constant works; it keeps two replicas starting together from migrating at once.
const migrationLockId = 7_301_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function readMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith(".sql")).sort();
  const migrations = await Promise.all(
    files.map(async (name) => {
      const match = /^(\d+)_/.exec(name);
      if (!match?.[1]) throw new Error(`Migration file ${name} must start with its number, e.g. 0002_add_x.sql`);
      return { version: Number(match[1]), name, sql: await readFile(`${dir}${name}`, "utf8") };
    }),
  );
  // Two files with one number would apply only the first (its version is then recorded as done).
  const seen = new Map<number, string>();
  for (const migration of migrations) {
    const earlier = seen.get(migration.version);
    if (earlier) throw new Error(`Migrations ${earlier} and ${migration.name} share the number ${migration.version}; renumber one`);
    seen.set(migration.version, migration.name);
  }
  return migrations;
}

/** Applies the migrations not yet applied, each in its own transaction, in order. Returns their names. */
export async function migrate(sql: Sql, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  await sql.exec(
    "create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())",
  );
  const applied: string[] = [];
  for (const migration of all) {
    const done = await sql.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [migrationLockId]);
      const rows = await tx.query("select 1 from schema_migrations where version = $1", [migration.version]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query("insert into schema_migrations (version, name) values ($1, $2)", [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}
