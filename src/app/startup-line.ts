import { resolve } from "node:path";
import { describeDatabaseUrl } from "./describe-database-url.ts";

/** What a maintainer needs to know is running, from the settings Pitwall started with. */
export interface StartupFacts {
  version: string;
  databaseUrl: string | undefined;
  dataDir: string;
  providers: readonly string[];
  concurrency: number;
  webhookPath: string;
  publicUrl: string | undefined;
  webhookProxyUrl: string | undefined;
  /** The API Pitwall talks to and the app's slug there, when GitHub answered. */
  github: { apiUrl: string; slug: string | undefined };
}

/** The one start-up line (and its fields, for JSON logs); no credential is in it. */
export function startupLine(facts: StartupFacts): { message: string; fields: Record<string, unknown> } {
  const store = facts.databaseUrl ? `PostgreSQL ${describeDatabaseUrl(facts.databaseUrl) ?? "(DATABASE_URL)"}` : `PGlite in ${resolve(facts.dataDir)}`;
  const providers = facts.providers.length > 0 ? facts.providers.join(", ") : "none: set ANTHROPIC_API_KEY or OPENAI_API_KEY";
  const publicUrl = facts.publicUrl ?? (facts.webhookProxyUrl ? `${facts.webhookProxyUrl} (smee proxy, WEBHOOK_PROXY_URL)` : "not set (PITWALL_PUBLIC_URL)");
  const github = `${facts.github.apiUrl}${facts.github.slug ? ` as ${facts.github.slug}` : ""}`;
  const message = `Pitwall ${facts.version} running: store ${store}; providers ${providers}; concurrency ${facts.concurrency}; webhook path ${facts.webhookPath}; public URL ${publicUrl}; GitHub ${github}`;
  return { message, fields: { version: facts.version, store, providers: facts.providers, concurrency: facts.concurrency, webhookPath: facts.webhookPath, publicUrl, github: facts.github.apiUrl } };
}
