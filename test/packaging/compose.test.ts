import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { envNamesRead } from "./env-names-read.ts";
import { finalStageEnv, readDockerfile } from "./read-dockerfile.ts";

// compose.yaml and the Dockerfile, read as Docker would, against what Pitwall's code reads.
const root = fileURLToPath(new URL("../../", import.meta.url));
const namesRead = envNamesRead(root, "src/app/main.ts");
const service = z.object({
  build: z.unknown().optional(),
  image: z.string().optional(),
  environment: z.record(z.string(), z.string()).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  deploy: z.object({ replicas: z.number().int() }).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
});
const compose = z.object({ services: z.record(z.string(), service) }).parse(parse(readFileSync(`${root}compose.yaml`, "utf8")));
// Pitwall's services are the ones built from this repository.
const pitwalls = Object.entries(compose.services).filter(([, candidate]) => candidate.build !== undefined);

describe("compose.yaml", () => {
  it("runs several Pitwall replicas", () => {
    expect(pitwalls.reduce((sum, [, pitwall]) => sum + (pitwall.deploy?.replicas ?? 1), 0)).toBeGreaterThan(1);
  });

  it.each(pitwalls)("%s sets only variables Pitwall or Probot reads", (_, pitwall) => {
    expect(Object.keys(pitwall.environment ?? {}).filter((name) => !namesRead.has(name))).toEqual([]);
  });

  it.each(pitwalls)("%s stores its state on the compose file's PostgreSQL (a PGlite folder is one process's), after it is healthy", (_, pitwall) => {
    const url = new URL(pitwall.environment?.DATABASE_URL ?? "missing:");
    expect(url.protocol).toMatch(/^postgres(ql)?:$/);
    const database = compose.services[url.hostname];
    expect(database, `no service named ${url.hostname}`).toBeDefined();
    expect(database?.environment?.POSTGRES_USER).toBe(decodeURIComponent(url.username));
    expect(database?.environment?.POSTGRES_DB).toBe(url.pathname.slice(1));
    expect(database?.healthcheck).toBeDefined();
    expect(pitwall.depends_on?.[url.hostname]?.condition).toBe("service_healthy");
  });
});

describe("the Dockerfile's ENV", () => {
  it("sets only variables Pitwall or Probot reads", () => {
    expect([...finalStageEnv(readDockerfile(`${root}Dockerfile`)).keys()].filter((name) => !namesRead.has(name))).toEqual([]);
  });
});
