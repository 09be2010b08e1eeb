import type { DriverParam, SqlParam } from "./sql.ts";

/**
 * The one place a parameter becomes what a driver sends: an array or object is a json/jsonb value
 * and goes as JSON text. node-postgres would send an array as a PostgreSQL array literal (`["a"]`
 * → `{"a"}`, refused by jsonb; `[]` → `{}`, silently an object) while PGlite serialises by the
 * column's type, so without this the same call works on one backend and not the other.
 */
export function encodeParam(param: SqlParam): DriverParam {
  if (param === null || param instanceof Date || typeof param !== "object") return param;
  return JSON.stringify(param);
}
