/** Where a PostgreSQL URL points, `host:port/database`, never its user or password; undefined when it is not one. */
export function describeDatabaseUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!["postgres:", "postgresql:"].includes(parsed.protocol) || parsed.hostname === "") return undefined;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  return `${parsed.hostname}:${parsed.port || "5432"}/${database || "(the user's default database)"}`;
}
