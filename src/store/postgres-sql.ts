import pg from "pg";
import { encodeParam } from "./encode-param.ts";
import type { Sql, SqlParam } from "./sql.ts";

// Same normalisation as PGlite: int8 (counts, ids) as a JS number. Ids stay far below 2^53.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    if (oid === Number(pg.types.builtins.INT8)) return Number;
    return pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown;
  },
};

/** Connects to a PostgreSQL server (`DATABASE_URL`), for replicas sharing one database. */
export async function openPostgresSql(connectionString: string): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types,
  });
  // Fail at start-up with the server's message rather than on the first webhook.
  const probe = await pool.connect();
  probe.release();
  const runOn = (client: pg.Pool | pg.PoolClient): Omit<Sql, "transaction" | "close" | "kind"> => ({
    async query<Row extends object>(text: string, params: readonly SqlParam[] = []) {
      const result = await client.query<Row>(text, params.map(encodeParam));
      return result.rows;
    },
    async exec(text: string) {
      await client.query(text);
    },
  });
  const sql: Sql = {
    kind: "postgres",
    ...runOn(pool),
    async transaction<T>(fn: (tx: Sql) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const tx: Sql = { ...sql, ...runOn(client), transaction: (inner) => inner(tx) };
        const result = await fn(tx);
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback");
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
  return sql;
}
