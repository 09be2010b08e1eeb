import { fileURLToPath } from "node:url";
import { orchestratorJobHandlers } from "../../src/app/orchestrator-job-handlers.ts";
import { readDefinitionFiles } from "../../src/definitions/read-definition-files.ts";
import type { OrchestratorDeps, OrchestratorLog } from "../../src/orchestrator/deps.ts";
import type { JobRequest } from "../../src/scheduler/new-job.ts";
import { claimJob, completeJob, enqueueJob, failJob } from "../../src/store/jobs.ts";
import { createStore } from "../../src/store/create-store.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Sql } from "../../src/store/sql.ts";
import { InMemoryGitHub } from "./in-memory-github.ts";
import { ScriptedModels } from "./scripted-models.ts";

// The orchestrator without HTTP: the real store on in-memory PGlite, GitHub in memory, scripted
// models, the bundled definitions, a clock the test moves, a log that keeps its lines, and the
// real job queue drained by the real handlers (`runJobs`), one job at a time.

export class FakeClock {
  private current: Date;

  constructor(start = new Date("2026-11-02T09:00:00Z")) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
}

export interface LogLine {
  level: "info" | "warn" | "error";
  fields: object;
  message: string;
}

/** A job the queue ran: its kind, payload and the error it threw (if it did). */
export interface RanJob {
  kind: string;
  payload: Record<string, unknown>;
  error?: string;
}

export interface OrchestratorWorld {
  deps: OrchestratorDeps;
  sql: Sql;
  github: InMemoryGitHub;
  models: ScriptedModels;
  clock: FakeClock;
  logLines: LogLine[];
  /** Every job put on the queue through `deps.enqueue` (jobs queued inside a transaction are in the queue only). */
  enqueued: JobRequest[];
  /**
   * Runs the queued jobs that are due, oldest first, through the real handlers until none is left
   * (or `max` ran); a job that throws is failed without retry and the error kept.
   */
  runJobs(options?: { max?: number; signal?: AbortSignal }): Promise<RanJob[]>;
  /** Puts a job on the queue, as a webhook's inbox would. */
  queue(job: JobRequest): Promise<void>;
  close(): Promise<void>;
}

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));

// Starting PGlite and migrating takes seconds (tens on a busy machine): a test file opens one
// database and each world empties it (identities restarted, so ids start at 1 again).
let fileDatabase: Promise<Sql> | undefined;

/**
 * Opens the test file's database ahead of its tests: call it in `beforeAll` with a long timeout
 * (`beforeAll(openFileDatabase, 180_000)`), so the first test is not timed on PGlite's start.
 */
export async function openFileDatabase(): Promise<void> {
  fileDatabase ??= openStore({});
  await fileDatabase;
}

async function emptiedDatabase(): Promise<Sql> {
  fileDatabase ??= openStore({});
  const sql = await fileDatabase;
  const tables = await sql.query<{ name: string }>("select tablename as name from pg_tables where schemaname = current_schema() and tablename <> 'schema_migrations'");
  if (tables.length > 0) await sql.query(`truncate table ${tables.map((table) => `"${table.name}"`).join(", ")} restart identity cascade`);
  return sql;
}

/**
 * Builds a fresh world: an empty database, its own GitHub and models. The database is the test
 * file's (emptied here), so worlds of one file must not overlap; `ownDatabase` opens one of its own.
 * Close it in `afterEach`.
 */
export async function orchestratorWorld(options: { clock?: FakeClock; installationId?: number; ownDatabase?: boolean } = {}): Promise<OrchestratorWorld> {
  const clock = options.clock ?? new FakeClock();
  const sql = options.ownDatabase ? await openStore({}) : await emptiedDatabase();
  const github = new InMemoryGitHub(() => clock.now());
  const models = new ScriptedModels();
  const logLines: LogLine[] = [];
  const enqueued: JobRequest[] = [];
  const line = (level: LogLine["level"]) => (fields: object, message: string) => void logLines.push({ level, fields, message });
  const log: OrchestratorLog = { info: line("info"), warn: line("warn"), error: line("error") };
  const queue = async (job: JobRequest) => void (await enqueueJob(sql, { ...job, runAt: job.runAt ?? clock.now() }));
  const deps: OrchestratorDeps = {
    store: createStore(sql),
    githubFor: (installationId) => (options.installationId === undefined || installationId === options.installationId ? Promise.resolve(github.port()) : Promise.reject(new Error(`no installation ${installationId}`))),
    ownApp: () => Promise.resolve(github.own),
    providers: models.providers(),
    bundled: { workflowFiles: await readDefinitionFiles(packageRoot, "workflows"), agentFiles: await readDefinitionFiles(packageRoot, "agents") },
    clock,
    log,
    enqueue: async (job) => {
      enqueued.push(job);
      await queue(job);
    },
    wake: () => undefined,
  };
  const handlers = orchestratorJobHandlers(deps);
  const runJobs = async ({ max = 200, signal }: { max?: number; signal?: AbortSignal } = {}): Promise<RanJob[]> => {
    const ran: RanJob[] = [];
    while (ran.length < max) {
      const job = await claimJob(sql, "test-worker", clock.now(), 60_000);
      if (!job) break;
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      try {
        await handler({ ...job, signal });
        await completeJob(sql, job, "test-worker", clock.now());
        ran.push({ kind: job.kind, payload: job.payload });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await failJob(sql, job, "test-worker", { error: message, retryAt: null }, clock.now());
        ran.push({ kind: job.kind, payload: job.payload, error: message });
      }
    }
    return ran;
  };
  // The file's database stays open for the next world (the test worker ends with the file).
  return { deps, sql, github, models, clock, logLines, enqueued, runJobs, queue, close: () => (options.ownDatabase ? sql.close() : Promise.resolve()) };
}
