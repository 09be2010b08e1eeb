import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dockerIgnores } from "./docker-ignores.ts";
import { finalStageEnv, readDockerfile } from "./read-dockerfile.ts";

// No Docker engine runs the tests, so the image is checked from its recipe: what the runtime
// stage sets, who owns what, and what the build context leaves out.
const root = fileURLToPath(new URL("../../", import.meta.url));
const instructions = readDockerfile(`${root}Dockerfile`);
const lastStage = Math.max(...instructions.map((instruction) => instruction.stage));
const runtime = instructions.filter((instruction) => instruction.stage === lastStage);
const env = finalStageEnv(instructions);

describe("the production image", () => {
  it("listens on every interface, not the container's own loopback (Probot binds localhost unless HOST is set)", () => {
    expect(["0.0.0.0", "::"]).toContain(env.get("HOST"));
  });

  it("runs as a user other than root", () => {
    const users = runtime.filter((instruction) => instruction.name === "USER").map((instruction) => instruction.args.split(":")[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0"]).not.toContain(users.at(-1));
  });

  it("leaves the app's files root's (read-only to the runtime user): no COPY --chown/--chmod, chown only on the data folder", () => {
    const copies = runtime.filter((instruction) => instruction.name === "COPY" || instruction.name === "ADD");
    expect(copies.map((copy) => copy.args).filter((args) => /--ch(own|mod)\b/.test(args))).toEqual([]);
    const dataDir = env.get("PITWALL_DATA_DIR");
    expect(dataDir).toBeDefined();
    const changed = runtime
      .filter((instruction) => instruction.name === "RUN")
      .flatMap((run) => [...run.args.matchAll(/\bch(?:own|mod)\s+(?:-\S+\s+)*\S+((?:\s+[^\s&;|]+)+)/g)].flatMap((match) => (match[1] ?? "").trim().split(/\s+/)));
    expect(new Set(changed)).toEqual(new Set([dataDir]));
  });

  it("keeps its data folder on a volume", () => {
    const volumes = runtime.filter((instruction) => instruction.name === "VOLUME").map((instruction) => instruction.args);
    expect(volumes.join(" ")).toContain(`"${env.get("PITWALL_DATA_DIR")}"`);
  });

  it("starts the file the CMD names, which the image copies", () => {
    const cmd = runtime.find((instruction) => instruction.name === "CMD")?.args ?? "";
    const started = z.array(z.string()).parse(JSON.parse(cmd)).find((arg) => arg.endsWith(".ts"));
    expect(started).toBeDefined();
    expect(existsSync(`${root}${started}`)).toBe(true);
    expect(dockerIgnores(`${root}.dockerignore`)(started ?? "")).toBe(false);
  });
});

describe("the build context (.dockerignore)", () => {
  const ignored = dockerIgnores(`${root}.dockerignore`);

  it.each([
    "windtunnel/index.ts",
    "windtunnel/demo.ts",
    "windtunnel/github/index.ts",
    "test/e2e/commands.test.ts",
    "bench/run.ts",
    ".ci/run",
    ".env",
    ".env.production",
    "pitwall.env",
    "private-key.pem",
    "keys/pitwall.2026-12-06.private-key.pem",
    ".data/pitwall/PG_VERSION",
    "node_modules/probot/package.json",
    ".git/HEAD",
  ])("leaves out %s", (path) => {
    expect(ignored(path)).toBe(true);
  });

  it.each(["package.json", "package-lock.json", "app.yml", "src/app/main.ts", "src/store/migrations/0001_init.sql", "workflows/feature.md", "agents/analyst.md"])(
    "keeps %s, which the image needs",
    (path) => {
      expect(ignored(path)).toBe(false);
    },
  );
});

describe("dockerIgnores reads patterns as Docker does", () => {
  it("matches a bare pattern at the top only, **/ at any depth, a folder with its contents, and ! exceptions", () => {
    const dir = mkdtempSync(`${tmpdir()}/dockerignore-`);
    writeFileSync(`${dir}/.dockerignore`, "*.pem\n**/*.key\nsecrets\nlogs/*.log\n!logs/keep.log\n");
    const ignored = dockerIgnores(`${dir}/.dockerignore`);
    expect([ignored("a.pem"), ignored("sub/a.pem")]).toEqual([true, false]);
    expect([ignored("a.key"), ignored("x/y/a.key")]).toEqual([true, true]);
    expect([ignored("secrets/x/y.txt"), ignored("src/secrets")]).toEqual([true, false]);
    expect([ignored("logs/a.log"), ignored("logs/keep.log")]).toEqual([true, false]);
  });
});
