import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { appProcessEnv } from "./app-process-env.ts";

// `npm start` in its own process (src/app/main.ts, Probot's `run`), for tests of what a maintainer
// sees when starting Pitwall: refusals, registration, the start-up line, the log, the endpoint.

export interface AppProcess {
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Whether it has not ended yet. */
  running(): boolean;
  /** Waits until the output holds `text` (true) or the process exits or `ms` pass (false). */
  waitFor(text: string | RegExp, ms: number): Promise<boolean>;
  /** The first of `texts` the output holds, once it does; throws if the process exits first or `ms` pass. */
  printed(texts: string | string[], ms?: number): Promise<string>;
  /** The exit code once the process ended by itself within `ms` (all its output read), or "running" (then it is stopped). */
  exited(ms?: number): Promise<number | "running">;
  /** SIGTERM (Pitwall closes its store), SIGKILL if it has not ended after a while. */
  stop(): Promise<void>;
  /** Sends `signal` as a terminal or a container runtime would, and returns at once. */
  signal(signal: NodeJS.Signals): void;
}

export interface AppProcessOptions {
  /** Its working folder; by default an empty one of its own, so no .env or *.pem of the repository is read. */
  cwd?: string;
}

const main = fileURLToPath(new URL("../../src/app/main.ts", import.meta.url));
const stopGraceMs = 10_000;

/** Starts the app with exactly `env` of the settings Pitwall and Probot read (see appProcessEnv). */
export function startAppProcess(env: Record<string, string>, options: AppProcessOptions = {}): AppProcess {
  const ownCwd = options.cwd === undefined ? mkdtempSync(join(tmpdir(), "pitwall-app-")) : undefined;
  const child = spawn(process.execPath, [main], { cwd: options.cwd ?? ownCwd, env: appProcessEnv(process.env, env), stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const read = (part: Buffer) => {
    text += part.toString("utf8");
    notify();
  };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
  // "close", not "exit": by then all it wrote has been read. A signal counts as 128 + its number, as in a shell.
  const exit = new Promise<number>((resolve) => child.once("close", (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0))));
  void exit.then(() => {
    ended = true;
    if (ownCwd !== undefined) rmSync(ownCwd, { recursive: true, force: true });
    notify();
  });

  const until = (matches: () => boolean, ms: number) =>
    new Promise<boolean>((resolve) => {
      const done = (value: boolean) => {
        listeners.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const check = () => {
        if (matches()) done(true);
        else if (ended) done(false);
      };
      const timer = setTimeout(() => done(matches()), ms);
      listeners.add(check);
      check();
    });
  const stop = async () => {
    if (!ended) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), stopGraceMs);
      await exit;
      clearTimeout(timer);
    }
    await exit;
  };

  return {
    output: () => text,
    running: () => !ended,
    waitFor: (wanted, ms) => until(() => (typeof wanted === "string" ? text.includes(wanted) : wanted.test(text)), ms),
    printed: async (texts, ms = 60_000) => {
      const wanted = [texts].flat();
      const found = () => wanted.find((one) => text.includes(one));
      if (await until(() => found() !== undefined, ms)) return found() ?? "";
      throw new Error(`npm start ${ended ? `exited (${await exit}) before printing` : `did not print within ${ms} ms`} ${wanted.join(" or ")}:\n${text}`);
    },
    exited: async (ms = 60_000) => {
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exit, new Promise<"running">((resolve) => (timer = setTimeout(() => resolve("running"), ms)))]);
      clearTimeout(timer);
      if (code === "running") await stop();
      return code;
    },
    stop,
    signal: (signal) => void child.kill(signal),
  };
}
