import type { Logger } from "pino";
import type { RegisteredApp } from "./exchange-manifest-code.ts";
import type { SavedCredentials } from "./save-credentials.ts";

/** What the registration routes are handed (createRegistrationHandler). */
export interface RegistrationDeps {
  appYml: Record<string, unknown>;
  createAppUrl: string;
  /** Random per registration server: GitHub hands it back with the code, which proves the code comes from this page's form. */
  state: string;
  /** PITWALL_PUBLIC_URL: its host is served besides loopback names. */
  publicUrl: string | undefined;
  webhookPath: string;
  /** From the public URL or the smee channel; undefined when GitHub could not reach this machine. */
  hookUrl: string | undefined;
  exchangeCode: (code: string) => Promise<RegisteredApp>;
  /** Writes credentials to .env, or beside it when .env cannot be updated. */
  saveCredentials: (values: Record<string, string>) => SavedCredentials;
  log: Logger;
}
