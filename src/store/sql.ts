// The one database port. Both adapters speak the PostgreSQL dialect: PGlite (embedded, the
// default) and a PostgreSQL server through `DATABASE_URL`. Row values are normalised so
// callers see the same types from both: int8 as number, numeric as string, timestamptz as Date.

/** A query parameter. Arrays and objects are json/jsonb values: both adapters send them as JSON text (`encodeParam`). */
export type SqlParam = DriverParam | Record<string, unknown> | unknown[];
/** What an adapter hands its driver: scalars only, never an array or object. */
export type DriverParam = string | number | boolean | null | Date;

export interface Sql {
  query<Row extends object>(text: string, params?: readonly SqlParam[]): Promise<Row[]>;
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction; the handed-in `tx` must be used for every statement inside. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: "pglite" | "postgres";
  /**
   * Calls `onNotify` for each NOTIFY on `channel` from any process, until closed (PostgreSQL
   * only: an embedded PGlite has one process, which wakes its own worker).
   */
  listen?(channel: string, onNotify: () => void, onError: (error: unknown) => void): Promise<{ close(): Promise<void> }>;
}
