import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describeDatabaseUrl } from "../../src/app/describe-database-url.ts";
import { startupLine, type StartupFacts } from "../../src/app/startup-line.ts";

const facts: StartupFacts = {
  version: "1.2.3",
  databaseUrl: undefined,
  dataDir: ".data/pitwall",
  providers: [],
  concurrency: 4,
  webhookPath: "/api/github/webhooks",
  publicUrl: undefined,
  webhookProxyUrl: undefined,
  github: { apiUrl: "https://api.github.com", slug: undefined },
};

describe("startupLine", () => {
  it("names the version, the PGlite folder, no provider with what to set, concurrency, webhook path and no public URL", () => {
    expect(startupLine(facts).message).toBe(
      `Pitwall 1.2.3 running: store PGlite in ${resolve(".data/pitwall")}; providers none: set ANTHROPIC_API_KEY or OPENAI_API_KEY; concurrency 4; webhook path /api/github/webhooks; public URL not set (PITWALL_PUBLIC_URL); GitHub https://api.github.com`,
    );
  });

  it("names a PostgreSQL server without its credentials, the providers, the public URL and the app", () => {
    const { message, fields } = startupLine({ ...facts, databaseUrl: "postgres://pitwall:hunter2@db.internal:6543/pitwall", providers: ["anthropic", "openai"], publicUrl: "https://pitwall.example.com", github: { apiUrl: "https://api.github.com", slug: "my-pitwall" } });
    expect(message).toContain("store PostgreSQL db.internal:6543/pitwall;");
    expect(message).toContain("providers anthropic, openai;");
    expect(message).toContain("public URL https://pitwall.example.com;");
    expect(message).toContain("GitHub https://api.github.com as my-pitwall");
    expect(JSON.stringify({ message, fields })).not.toContain("hunter2");
  });

  it("shows the smee proxy as the public URL when only WEBHOOK_PROXY_URL is set", () => {
    expect(startupLine({ ...facts, webhookProxyUrl: "https://smee.io/abc" }).message).toContain("public URL https://smee.io/abc (smee proxy, WEBHOOK_PROXY_URL)");
  });
});

describe("describeDatabaseUrl", () => {
  it("gives host, port (5432 by default) and database, never user or password", () => {
    expect(describeDatabaseUrl("postgresql://u:p%40ss@db:5433/app")).toBe("db:5433/app");
    expect(describeDatabaseUrl("postgres://u:pass@db/app")).toBe("db:5432/app");
    expect(describeDatabaseUrl("postgres://db")).toBe("db:5432/(the user's default database)");
  });

  it("is undefined for what is not a PostgreSQL URL", () => {
    for (const url of ["", "db:5432", "postgres//db", "http://db/app", "postgres://"]) expect(describeDatabaseUrl(url)).toBeUndefined();
  });
});
