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
  const listeners = new Set<Listener>();
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
    async listen(channel, onNotify, onError) {
      const listener = await listenOnPostgres(connectionString, channel, onNotify, onError);
      listeners.add(listener);
      return {
        async close() {
          listeners.delete(listener);
          await listener.close();
        },
      };
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.close()));
      await pool.end();
    },
  };
  return sql;
}

interface Listener {
  close(): Promise<void>;
}

const firstRetryMs = 100;
const lastRetryMs = 30_000;

/**
 * LISTENs on `channel` over a connection of its own (a pooled one would be handed to other
 * queries), calling `onNotify` for each notification. A dropped connection is made again with
 * backoff, and `onNotify` is called once it is back: a notification sent meanwhile was lost.
 */
async function listenOnPostgres(connectionString: string, channel: string, onNotify: () => void, onError: (error: unknown) => void): Promise<Listener> {
  let closed = false;
  let current: pg.Client | undefined;
  let retryMs = firstRetryMs;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString, application_name: "pitwall-listener" });
    let dropped = false;
    const drop = (error?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (error !== undefined && !closed) onError(error);
      if (current === client) current = undefined;
      client.end().catch(() => undefined);
      if (closed) return;
      timer = setTimeout(() => void connect(), retryMs);
      timer.unref();
      retryMs = Math.min(retryMs * 2, lastRetryMs);
    };
    client.on("notification", (message) => {
      if (message.channel === channel) onNotify();
    });
    client.on("error", drop);
    client.on("end", () => drop());
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (closed) return void client.end().catch(() => undefined);
    current = client;
    retryMs = firstRetryMs;
    onNotify();
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await current?.end().catch(() => undefined);
    },
  };
}
