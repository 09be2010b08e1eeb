import { PGlite, type Transaction } from "@electric-sql/pglite";
import { lockDataFolder } from "./data-folder-lock.ts";
import { encodeParam } from "./encode-param.ts";
import type { Sql, SqlParam } from "./sql.ts";

/** Opens embedded PGlite: in a data folder (locked against a second process) or in memory. */
export async function openPgliteSql(dataDir: string | undefined): Promise<Sql> {
  const lock = dataDir === undefined ? undefined : lockDataFolder(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir === undefined ? undefined : { dataDir });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const wrap = (runner: PGlite | Transaction): Omit<Sql, "transaction" | "close" | "kind"> => ({
    async query<Row extends object>(text: string, params: readonly SqlParam[] = []) {
      const result = await runner.query<Row>(text, params.map(encodeParam));
      return result.rows;
    },
    async exec(text: string) {
      await runner.exec(text);
    },
  });
  const sql: Sql = {
    kind: "pglite",
    ...wrap(db),
    transaction<T>(fn: (tx: Sql) => Promise<T>) {
      return db.transaction((tx) => {
        // Nested calls join the open transaction instead of starting another.
        const inTx: Sql = { ...sql, ...wrap(tx), transaction: (inner) => inner(inTx) };
        return fn(inTx);
      });
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
  return sql;
}
