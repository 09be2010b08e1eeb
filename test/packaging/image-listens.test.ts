import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { freePort } from "../../windtunnel/index.ts";
import { appKeyPair } from "../support/app-key-pair.ts";
import { startAppProcess } from "../support/start-app-process.ts";
import { finalStageEnv, readDockerfile } from "./read-dockerfile.ts";

// The image's CMD under the image's ENV, without Docker: Pitwall must answer on an address other
// than the one it was probed on from inside, as a container must answer on its published port.
// 127.0.0.2 is loopback too on Linux, but a socket bound to `localhost` (127.0.0.1) refuses it.
// Not in the repository: the image holds no .env or *.pem (.dockerignore), a developer's checkout may, and a .env wins over this env.
const root = fileURLToPath(new URL("../../", import.meta.url));

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
  const app = startAppProcess({
    ...Object.fromEntries(imageEnv),
    // The volume and the published port of a `docker run`; credentials from its env file.
    PITWALL_DATA_DIR: dataDir,
    PORT: String(port),
    APP_ID: "1",
    PRIVATE_KEY: appKeyPair().privateKey,
    WEBHOOK_SECRET: "image-listens-test",
    // Nothing here may reach the real GitHub.
    GHE_HOST: "127.0.0.1:9",
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "warn",
  });
  try {
    let inside = "";
    for (let waited = 0; waited < 100_000 && app.running(); waited += 250) {
      inside = await ping("127.0.0.1", port);
      if (inside.startsWith("200")) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(inside, `Pitwall did not start:\n${app.output()}`).toBe("200 PONG");
    expect(await ping("127.0.0.2", port)).toBe("200 PONG");
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
