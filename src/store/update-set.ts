import type { SqlParam } from "./sql.ts";

/**
 * Builds the `col = $n` list of an UPDATE from the defined fields of `changes`, numbering
 * parameters from `firstParam`. Fields left undefined are not touched.
 */
export function updateSet<C extends object>(columns: Record<keyof C, string>, changes: C, firstParam: number): { sets: string[]; values: SqlParam[] } {
  const keys = (Object.keys(changes) as (keyof C)[]).filter((key) => changes[key] !== undefined);
  return {
    sets: keys.map((key, index) => `${columns[key]} = $${index + firstParam}`),
    values: keys.map((key) => (changes[key] ?? null) as SqlParam),
  };
}
