// One replica process (replica-main.ts) with its output kept line by line. Its environment is
// built from nothing but what it needs, so no setting of the caller's shell leaks in.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("./replica-main.ts", import.meta.url));
const readyLine = "windtunnel replica listening on ";

export interface ReplicaProcess {
  pid: number;
  /** Resolves with the exit code (128 + signal number when killed by one). */
  exited: Promise<number>;
  running(): boolean;
  signal(signal: NodeJS.Signals): void;
}

/** Starts a replica and resolves once it listens; rejects (with its output) if it exits or does not start in time. */
export async function spawnReplica(env: Record<string, string>, lines: string[], startLimitMs = 60_000): Promise<ReplicaProcess> {
  const cwd = mkdtempSync(join(tmpdir(), "pitwall-replica-"));
  const base = Object.fromEntries(["PATH", "HOME", "TMPDIR", "LANG", "TZ"].flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
  const child: ChildProcess = spawn(process.execPath, [entry], { cwd, env: { ...base, NO_SMEE_SETUP: "true", LOG_FORMAT: "json", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let ended = false;
  const exited = new Promise<number>((resolve) =>
    child.once("close", (code, signal) => {
      ended = true;
      rmSync(cwd, { recursive: true, force: true });
      resolve(code ?? 128 + (signal === "SIGKILL" ? 9 : signal === "SIGTERM" ? 15 : 0));
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    let partial = "";
    const read = (chunk: Buffer) => {
      const text = partial + chunk.toString("utf8");
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith(readyLine)) resolve();
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    void exited.then((code) => reject(new Error(`a replica exited (${code}) before it listened:\n${lines.slice(-30).join("\n")}`)));
    setTimeout(() => reject(new Error(`a replica did not listen within ${startLimitMs} ms:\n${lines.slice(-30).join("\n")}`)), startLimitMs).unref();
  });
  try {
    await ready;
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { pid: child.pid ?? 0, exited, running: () => !ended, signal: (signal) => void child.kill(signal) };
}
