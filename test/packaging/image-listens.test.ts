import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { finalStageEnv, readDockerfile } from "./read-dockerfile.ts";

// The image's CMD under the image's ENV, without Docker: Pitwall must answer on an address other
// than the one it was probed on from inside, as a container must answer on its published port.
// 127.0.0.2 is loopback too on Linux, but a socket bound to `localhost` (127.0.0.1) refuses it.
const root = fileURLToPath(new URL("../../", import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function ping(host: string, port: number): Promise<string> {
  try {
    const response = await fetch(`http://${host}:${port}/ping`);
    return `${response.status} ${await response.text()}`;
  } catch (error) {
    return `refused (${error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)})`;
  }
}

it("the image's environment makes Pitwall answer on every interface", { timeout: 120_000 }, async () => {
  const imageEnv = finalStageEnv(readDockerfile(`${root}Dockerfile`));
  const dataDir = mkdtempSync(`${tmpdir()}/pitwall-image-`);
  const port = await freePort();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const child = spawn(process.execPath, ["src/app/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      ...Object.fromEntries(imageEnv),
      // The volume and the published port of a `docker run`; credentials from its env file.
      PITWALL_DATA_DIR: dataDir,
      PORT: String(port),
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: "image-listens-test",
      // Nothing here may reach the real GitHub.
      GHE_HOST: "127.0.0.1:9",
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    let inside = "";
    for (let waited = 0; waited < 100_000 && child.exitCode === null; waited += 250) {
      inside = await ping("127.0.0.1", port);
      if (inside.startsWith("200")) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(inside, `Pitwall did not start:\n${output}`).toBe("200 PONG");
    expect(await ping("127.0.0.2", port)).toBe("200 PONG");
  } finally {
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
