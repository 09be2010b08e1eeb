import { describe, expect, it } from "vitest";
import { readWindTunnelDatabase } from "../../windtunnel/read-wind-tunnel-database.ts";

// `npm run test:postgres` sets PITWALL_E2E_DATABASE=postgres: every wind tunnel then runs the app
// on a fresh database of the PITWALL_TEST_DATABASE_URL server instead of in-memory PGlite.
describe("readWindTunnelDatabase", () => {
  const server = "postgres://postgres@127.0.0.1:54329/postgres";

  it("keeps PGlite unless PostgreSQL is asked for", () => {
    expect(readWindTunnelDatabase({ PITWALL_TEST_DATABASE_URL: server })).toBeUndefined();
    expect(readWindTunnelDatabase({ PITWALL_E2E_DATABASE: "pglite", PITWALL_TEST_DATABASE_URL: server })).toBeUndefined();
  });

  it("names the server when PostgreSQL is asked for", () => {
    expect(readWindTunnelDatabase({ PITWALL_E2E_DATABASE: "postgres", PITWALL_TEST_DATABASE_URL: server })).toBe(server);
  });

  it("says what is missing instead of quietly testing PGlite", () => {
    expect(() => readWindTunnelDatabase({ PITWALL_E2E_DATABASE: "postgres" })).toThrow("PITWALL_E2E_DATABASE=postgres needs PITWALL_TEST_DATABASE_URL");
    expect(() => readWindTunnelDatabase({ PITWALL_E2E_DATABASE: "postgress", PITWALL_TEST_DATABASE_URL: server })).toThrow('PITWALL_E2E_DATABASE must be "pglite" or "postgres", not "postgress"');
  });
});
