import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataFolder } from "../../src/store/data-folder-lock.ts";

// The npm scripts a new user runs first answer `--help` and bad arguments like tools: usage on
// the right stream, exit 0 or 2, never a Node stack trace (and never a 20-second run first).

const root = fileURLToPath(new URL("../../", import.meta.url));
const clis = [
  { script: "demo", file: "windtunnel/demo.ts" },
  { script: "cost", file: "src/app/cost-cli.ts" },
  { script: "bench", file: "bench/run.ts" },
  { script: "bench:secrets", file: "bench/secret-scanner-false-positives.ts" },
  { script: "faults", file: "bench/faults/run.ts" },
];
const { DATABASE_URL: _url, PITWALL_DATA_DIR: _dir, ...quietEnv } = process.env;
const run = (file: string, args: string[]) => spawnSync(process.execPath, [file, ...args], { cwd: root, encoding: "utf8", env: quietEnv, timeout: 50_000 });
const stackTrace = /^\s+at .+:\d+:\d+\)?$/m;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe.each(clis)("npm run $script", ({ script, file }) => {
  it("prints its usage on --help and exits 0", () => {
    const result = run(file, ["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Usage: npm run ${script}`);
    expect(result.stderr).toBe("");
  });

  it("refuses an unknown option with the usage on stderr, exit 2, and no stack trace", () => {
    const result = run(file, ["--bogus"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--bogus");
    expect(result.stderr).toContain(`Usage: npm run ${script}`);
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.stdout).toBe("");
  });
});

describe("the demo's kept data", () => {
  it("goes by default to a folder of its own, never the app's (PITWALL_DATA_DIR or .data/pitwall)", () => {
    const result = spawnSync(process.execPath, ["windtunnel/demo.ts", "--help"], { cwd: root, encoding: "utf8", env: { ...quietEnv, PITWALL_DATA_DIR: "/srv/pitwall-app-data" }, timeout: 50_000 });
    expect(result.stdout).toContain("(default: .data/demo, a folder of its own");
    expect(result.stdout).not.toContain("/srv/pitwall-app-data");
    expect(result.stdout).not.toContain("default: .data/pitwall");
  });
});

describe("bad values", () => {
  it("the demo refuses an unknown --show part and an unknown workflow with its usage", () => {
    for (const args of [["--show", "card,colour"], ["--workflow", "nope"], ["--show", ""]]) {
      const result = run("windtunnel/demo.ts", args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Usage: npm run demo");
      expect(result.stderr).not.toMatch(stackTrace);
    }
  });

  it("bench:secrets names a folder that is not there, with its usage and no stack trace", () => {
    const result = run("bench/secret-scanner-false-positives.ts", ["no-such-folder"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no-such-folder");
    expect(result.stderr).toContain("Usage: npm run bench:secrets");
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it("the demo refuses --keep-data on a folder a running Pitwall holds, and leaves its lock alone", () => {
    const folder = mkdtempSync(join(tmpdir(), "pitwall-demo-locked-"));
    folders.push(folder);
    // This test process plays the running Pitwall: it holds the folder's lock.
    const lock = lockDataFolder(folder);
    try {
      const result = run("windtunnel/demo.ts", ["--workflow", "docs", "--keep-data", folder]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`in use by another Pitwall process (pid ${process.pid})`);
      expect(result.stderr).not.toMatch(stackTrace);
      expect(result.stdout).not.toContain("Timeline");
    } finally {
      lock.release();
    }
  });

  it("the demo refuses --keep-data on a folder that already holds other data, so it never mixes into a real installation's", () => {
    const folder = mkdtempSync(join(tmpdir(), "pitwall-demo-used-"));
    folders.push(folder);
    writeFileSync(join(folder, "PG_VERSION"), "18\n");
    const result = run("windtunnel/demo.ts", ["--keep-data", folder]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${folder} already holds data`);
    expect(result.stderr).not.toMatch(stackTrace);
  });
});
