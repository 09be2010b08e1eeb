import { describe, expect, it } from "vitest";
import { startWindTunnel } from "../../windtunnel/index.ts";

// Under `npm run test:postgres` every wind tunnel must really run the app on PostgreSQL, each on
// its own database, and leave nothing on the server: otherwise the suite would prove PGlite again.
describe.runIf(process.env.PITWALL_E2E_DATABASE === "postgres")("wind tunnels on PostgreSQL", () => {
  it("run the app on a fresh database of their own and drop it on close", async () => {
    const first = await startWindTunnel();
    const second = await startWindTunnel();
    try {
      expect(first.pitwall.sql.kind).toBe("postgres");
      const [own] = await first.pitwall.sql.query<{ name: string }>("select current_database() as name");
      const [other] = await second.pitwall.sql.query<{ name: string }>("select current_database() as name");
      expect(own?.name).toMatch(/^pitwall_tunnel_[0-9a-f]{12}$/);
      expect(other?.name).not.toBe(own?.name);
      expect(first.database).toContain(own?.name);
      await first.close();
      const left = await second.pitwall.sql.query("select 1 from pg_database where datname = $1", [own?.name ?? ""]);
      expect(left).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
