import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../windtunnel/index.ts";
import { appKeyPair } from "../support/app-key-pair.ts";
import { startAppProcess } from "../support/start-app-process.ts";

// Ctrl-C (SIGINT) and `docker stop` (SIGTERM) stop Pitwall the same way: the worker stops and the
// store is closed before the process exits. Probot's own SIGINT handler used to exit at once,
// leaving PGlite open (its postmaster.pid behind) and running jobs to wait out their lease.

const bound = 60_000;

describe("npm start stopped by a signal", () => {
  let dir: string;
  const key = appKeyPair();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-stop-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} stops the worker and closes the data folder before exiting`, async () => {
      const dataDir = join(dir, signal);
      // GitHub is a closed port: Pitwall says so and keeps running, which is all this needs.
      const app = startAppProcess({ APP_ID: "4242", PRIVATE_KEY: key.privateKey, WEBHOOK_SECRET: "a-long-webhook-secret-for-tests", PORT: String(await freePort()), HOST: "127.0.0.1", PITWALL_DATA_DIR: dataDir, GHE_HOST: `127.0.0.1:${await freePort()}`, GHE_PROTOCOL: "http" });
      expect(await app.waitFor("running:", bound), app.output()).toBe(true);
      expect(existsSync(join(dataDir, "postmaster.pid")), readdirSync(dataDir).join(", ")).toBe(true);

      app.signal(signal);
      expect(await app.exited(bound), app.output()).toBe(0);
      expect(readdirSync(dataDir)).not.toContain("postmaster.pid");
      expect(readdirSync(dataDir)).not.toContain("pitwall.lock");
      expect(app.output()).toContain(`${signal}: Pitwall is stopping`);
    });
  }
});
