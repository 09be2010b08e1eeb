import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface NpmStart {
  app: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves with the first of `texts` it printed; rejects if it exits first or `timeoutMs` passes. */
  printed: (texts: string | string[], timeoutMs?: number) => Promise<string>;
  /** Resolves with its exit code once it exits by itself. */
  exited: () => Promise<number | null>;
  stop: () => Promise<void>;
}

// What a shell gives `npm start` but a test runner's environment would change: no npm_* variables
// of the runner (`npx vitest` sets npm_lifecycle_event=npx, which makes Probot fetch packages with npx).
const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_") && !["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "WEBHOOK_PROXY_URL", "WEBHOOK_PATH", "GH_ORG", "GHE_HOST", "PITWALL_PUBLIC_URL", "NODE_ENV", "DATABASE_URL", "LOG_FORMAT", "GHE_PROTOCOL"].includes(key)));

/** `npm start` (src/app/main.ts) in its own process, in `cwd`, with only `env` of the settings Pitwall and Probot read (JSON log lines unless `env` says otherwise). */
export function spawnNpmStart(cwd: string, env: Record<string, string>): NpmStart {
  const main = fileURLToPath(new URL("../../src/app/main.ts", import.meta.url));
  const app = spawn(process.execPath, [main], { cwd, env: { ...inherited, npm_lifecycle_event: "start", LOG_FORMAT: "json", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const read = (part: Buffer) => void (output += part.toString("utf8"));
  app.stdout?.on("data", read);
  app.stderr?.on("data", read);
  const exited = new Promise<number | null>((resolve) => app.once("exit", (code) => resolve(code)));
  return {
    app,
    output: () => output,
    printed: async (texts, timeoutMs = 60_000) => {
      const wanted = [texts].flat();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = wanted.find((text) => output.includes(text));
        if (found !== undefined) return found;
        if (app.exitCode !== null || app.signalCode !== null) throw new Error(`npm start exited (${app.exitCode ?? app.signalCode}) before printing ${wanted.join(" or ")}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`npm start did not print ${wanted.join(" or ")} within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    exited: () => exited,
    stop: async () => {
      if (app.exitCode === null && app.signalCode === null) {
        app.kill("SIGTERM");
        await exited;
      }
    },
  };
}
