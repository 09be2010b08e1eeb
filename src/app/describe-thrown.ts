/**
 * A readable line for anything thrown or rejected with. Libraries reject with non-Errors too
 * (smee-client with an EventSource Event), and String() of those is "[object Event]".
 */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return value.message || value.name;
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null) return String(value);
  const field = (name: string): string | undefined => {
    const found: unknown = Reflect.get(value, name);
    return typeof found === "string" || typeof found === "number" ? String(found) : undefined;
  };
  const message = field("message");
  const code = field("code");
  const detail = [message, code === undefined ? undefined : `code ${code}`].filter((part) => part !== undefined && part !== "").join(", ");
  if (typeof Event !== "undefined" && value instanceof Event) return `${value.type} event${detail ? `: ${detail}` : " (no details)"}`;
  if (detail) return detail;
  const json = safeJson(value);
  const kind = value.constructor?.name || "object";
  return json && json !== "{}" ? `${kind} ${json.slice(0, 200)}` : `${kind} with no message`;
}

function safeJson(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
