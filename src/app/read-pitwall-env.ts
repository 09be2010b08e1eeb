import type { ProviderEnv } from "../providers/create-providers.ts";
import type { LoggerSettings } from "./create-logger.ts";

export interface PitwallEnv {
  /** PostgreSQL connection string; unset means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Jobs run at once by this process's worker. */
  concurrency: number;
  providers: ProviderEnv;
  /** Turns on `GET /api/pitwall/cost` for requests that carry it as a bearer token. */
  dashboardToken: string | undefined;
  /** `WEBHOOK_SECRET`, which Probot reads too; Pitwall's webhook guard verifies deliveries with it. */
  webhookSecret: string;
  /** How long one model call may take (`PITWALL_MODEL_CALL_TIMEOUT_SECONDS`); 2 minutes when unset. */
  modelCallTimeLimitMs?: number | undefined;
  /** How long a stop (SIGTERM) waits for running jobs before handing them back (`PITWALL_STOP_GRACE_SECONDS`). */
  stopGraceMs?: number | undefined;
  /** Names this replica for taking back its own previous process's jobs (`PITWALL_REPLICA_ID`); the host name when unset. */
  replicaId?: string | undefined;
}

/** Reads Pitwall's own settings from the environment in one place (Probot reads its own). */
export function readPitwallEnv(env: NodeJS.ProcessEnv = process.env): PitwallEnv {
  const concurrency = Number.parseInt(env.PITWALL_CONCURRENCY ?? "4", 10);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new Error(`PITWALL_CONCURRENCY must be a whole number from 1 to 64, not "${env.PITWALL_CONCURRENCY}"`);
  }
  return {
    // Under the job lease (10 minutes): a call that outlived it would run twice.
    modelCallTimeLimitMs: readSeconds("PITWALL_MODEL_CALL_TIMEOUT_SECONDS", env.PITWALL_MODEL_CALL_TIMEOUT_SECONDS, 120, 1, 540),
    stopGraceMs: readSeconds("PITWALL_STOP_GRACE_SECONDS", env.PITWALL_STOP_GRACE_SECONDS, 15, 0, 600),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dataDir: env.PITWALL_DATA_DIR?.trim() || ".data/pitwall",
    replicaId: env.PITWALL_REPLICA_ID?.trim() || undefined,
    concurrency,
    dashboardToken: env.PITWALL_DASHBOARD_TOKEN?.trim() || undefined,
    // Probot's own default when WEBHOOK_SECRET is unset or empty.
    webhookSecret: env.WEBHOOK_SECRET || "development",
    providers: {
      ANTHROPIC_API_KEY: env.ANTHROPIC_API_KEY,
      ANTHROPIC_BASE_URL: env.ANTHROPIC_BASE_URL,
      OPENAI_API_KEY: env.OPENAI_API_KEY,
      OPENAI_BASE_URL: env.OPENAI_BASE_URL,
      OPENAI_COMPATIBLE_BASE_URL: env.OPENAI_COMPATIBLE_BASE_URL,
      OPENAI_COMPATIBLE_API_KEY: env.OPENAI_COMPATIBLE_API_KEY,
    },
  };
}

/** A whole number of seconds from `min` to `max` (in ms), `fallback` when unset; anything else refuses the start. */
function readSeconds(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  const raw = value?.trim();
  const seconds = raw ? Number(raw) : fallback;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) throw new Error(`${name} must be a whole number of seconds from ${min} to ${max}, not "${raw}"`);
  return seconds * 1000;
}

const logLevels = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

/**
 * Probot's log settings (`LOG_LEVEL`, `LOG_FORMAT`, `LOG_MESSAGE_KEY`), for the logger Pitwall hands
 * to Probot. As Probot: pretty lines by default, JSON lines when NODE_ENV=production.
 */
export function readLogSettings(env: NodeJS.ProcessEnv = process.env): LoggerSettings {
  const level = env.LOG_LEVEL?.trim().toLowerCase() || "info";
  if (!logLevels.includes(level)) throw new Error(`LOG_LEVEL must be one of ${logLevels.join(", ")}, not "${env.LOG_LEVEL}"`);
  const format = env.LOG_FORMAT?.trim().toLowerCase() || (env.NODE_ENV === "production" ? "json" : "pretty");
  if (format !== "json" && format !== "pretty") throw new Error(`LOG_FORMAT must be json or pretty, not "${env.LOG_FORMAT}"`);
  return { level, format, messageKey: env.LOG_MESSAGE_KEY?.trim() || undefined };
}
