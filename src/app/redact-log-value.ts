import { redactSecrets } from "../agents/secret-scanner.ts";

// A logged value with every string run through the secret scanner and every field whose name is in
// `censored` (compared without case: header names) replaced, at any depth. Logged objects are
// copied, never changed (they are the app's live data); errors stay errors, so pino still
// serialises them as such.

const maxDepth = 12;

const censor = "[REDACTED]";
const nothing: ReadonlySet<string> = new Set();

export function redactLogValue(value: unknown, censored: ReadonlySet<string> = nothing, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return redactSecrets(value).text;
  if (typeof value !== "object" || value === null) return value;
  if (ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return "[Circular]";
  // What JSON would print for a Date, a URL or a class with its own form.
  const toJSON: unknown = Reflect.get(value, "toJSON");
  if (typeof toJSON === "function" && !(value instanceof Error)) {
    const json: unknown = Reflect.apply(toJSON, value, []);
    return json === value ? value : redactLogValue(json, censored, depth + 1, seen);
  }
  if (depth >= maxDepth) return "[Too deep to log]";
  seen.add(value);
  const inner = (item: unknown) => redactLogValue(item, censored, depth + 1, seen);
  const field = (key: string, item: unknown) => (censored.has(key.toLowerCase()) ? censor : inner(item));
  let copy: unknown;
  if (Array.isArray(value)) {
    copy = value.map(inner);
  } else if (value instanceof Error) {
    const error: Error = Object.create(Object.getPrototypeOf(value) as object) as Error;
    for (const [key, item] of Object.entries(value)) Object.defineProperty(error, key, { value: field(key, item), enumerable: true, writable: true, configurable: true });
    Object.defineProperty(error, "message", { value: redactSecrets(value.message).text, enumerable: false, writable: true, configurable: true });
    if (value.stack !== undefined) Object.defineProperty(error, "stack", { value: redactSecrets(value.stack).text, enumerable: false, writable: true, configurable: true });
    if (value.cause !== undefined) Object.defineProperty(error, "cause", { value: inner(value.cause), enumerable: false, writable: true, configurable: true });
    copy = error;
  } else {
    copy = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, field(key, item)]));
  }
  seen.delete(value);
  return copy;
}
