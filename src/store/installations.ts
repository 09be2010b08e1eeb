import type { Sql } from "./sql.ts";

export type InstallationState = "active" | "suspended" | "deleted";

/** Records what GitHub said of an installation (installed, suspended, unsuspended, deleted). */
export async function recordInstallationState(sql: Sql, installationId: number, state: InstallationState, at: Date): Promise<void> {
  await sql.query("insert into installations (id, state, changed_at) values ($1, $2, $3) on conflict (id) do update set state = excluded.state, changed_at = excluded.changed_at", [installationId, state, at]);
}

/** The installation's state; one GitHub never told us about is taken as active. */
export async function getInstallationState(sql: Sql, installationId: number): Promise<InstallationState> {
  const rows = await sql.query<{ state: InstallationState }>("select state from installations where id = $1", [installationId]);
  return rows[0]?.state ?? "active";
}
