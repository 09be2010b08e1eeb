import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { fileURLToPath } from "node:url";

// `npm start` in its own process (src/app/main.ts, Probot's `run`), for tests of what a maintainer
// sees when starting Pitwall: refusals, the start-up line, what reaches the log.

export interface AppProcess {
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Waits until the output holds `text` (true) or the process exits or `ms` pass (false). */
  waitFor(text: string | RegExp, ms: number): Promise<boolean>;
  /** The exit code once the process ended by itself within `ms`, or "running" (then it is killed). */
  exited(ms: number): Promise<{ code: number | "running"; seconds: number }>;
  stop(): Promise<void>;
}

const main = fileURLToPath(new URL("../../src/app/main.ts", import.meta.url));

/** The variables a developer's shell could have set that would change what these tests see. */
const inherited = ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "WEBHOOK_PATH", "WEBHOOK_PROXY_URL", "DATABASE_URL", "PITWALL_DATA_DIR", "PITWALL_PUBLIC_URL", "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_COMPATIBLE_BASE_URL", "GHE_HOST", "GHE_PROTOCOL", "LOG_FORMAT", "LOG_LEVEL", "NODE_ENV", "HOST", "PORT", "PITWALL_DASHBOARD_TOKEN"];

/** Starts the app with `env` on top of a clean copy of this process's environment, in `cwd`. */
export function startAppProcess(env: Record<string, string>, cwd: string): AppProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !inherited.includes(key)));
  const started = Date.now();
  const child = spawn(process.execPath, [main], { cwd, env: { ...base, NO_SMEE_SETUP: "true", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const listeners = new Set<() => void>();
  const read = (part: Buffer) => {
    text += part.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
  const exit = new Promise<number>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  let ended = false;
  void exit.then(() => {
    ended = true;
    for (const listener of listeners) listener();
  });
  const stop = async () => {
    if (!ended) child.kill("SIGKILL");
    await exit;
  };
  return {
    output: () => text,
    waitFor: (wanted, ms) =>
      new Promise((resolve) => {
        const matches = () => (typeof wanted === "string" ? text.includes(wanted) : wanted.test(text));
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
      }),
    exited: async (ms) => {
      const code = await Promise.race([exit, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), ms))]);
      const seconds = (Date.now() - started) / 1000;
      if (code === "running") await stop();
      return { code, seconds };
    },
    stop,
  };
}

/** A fresh RSA key pair in PEM, as GitHub gives an app. */
export function appKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
}

export { freePort } from "../../src/windtunnel/free-port.ts";

/** A server that accepts connections and never answers: what a stuck host or firewall looks like. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
