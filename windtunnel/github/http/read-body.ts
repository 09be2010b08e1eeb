// Reading validated request bodies without casts. The schema already checked types; these
// readers narrow `unknown` for TypeScript and fall back to "absent" on anything unexpected.
import { isRecord } from "../openapi/spec-types.ts";

export { isRecord };

export const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

export function str(body: unknown, key: string): string | undefined {
  const value = asRecord(body)[key];
  return typeof value === "string" ? value : undefined;
}

export function num(body: unknown, key: string): number | undefined {
  const value = asRecord(body)[key];
  return typeof value === "number" ? value : undefined;
}

export function bool(body: unknown, key: string): boolean | undefined {
  const value = asRecord(body)[key];
  return typeof value === "boolean" ? value : undefined;
}

export function list(body: unknown, key: string): unknown[] | undefined {
  const value = asRecord(body)[key];
  return Array.isArray(value) ? value : undefined;
}

export function strings(body: unknown, key: string): string[] | undefined {
  return list(body, key)?.filter((v): v is string => typeof v === "string");
}

export function has(body: unknown, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(asRecord(body), key);
}

/** A positive integer path parameter (the schema made sure it is one). */
export const intParam = (value: string | undefined): number => Number.parseInt(value ?? "", 10);
