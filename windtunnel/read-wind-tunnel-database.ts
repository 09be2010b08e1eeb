/**
 * Which database wind tunnels use when a caller does not say: in-memory PGlite, or, with
 * `PITWALL_E2E_DATABASE=postgres`, a fresh database per tunnel on the server that
 * `PITWALL_TEST_DATABASE_URL` points at (`npm run test:postgres`). Returns that server's URL.
 */
export function readWindTunnelDatabase(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const choice = env.PITWALL_E2E_DATABASE?.trim() || "pglite";
  if (choice === "pglite") return undefined;
  if (choice !== "postgres") throw new Error(`PITWALL_E2E_DATABASE must be "pglite" or "postgres", not "${choice}"`);
  const server = env.PITWALL_TEST_DATABASE_URL?.trim();
  if (!server) throw new Error("PITWALL_E2E_DATABASE=postgres needs PITWALL_TEST_DATABASE_URL: a PostgreSQL server whose role may create databases (.ci/run starts one)");
  return server;
}
