// Loads the extracted operations, extracting them once per `@octokit/openapi` version into
// node_modules/.cache/pitwall-windtunnel/ (written atomically: test workers may race).
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { extractOperations } from "./extract-operations.ts";
import { isRecord, type SpecOperation } from "./spec-types.ts";

/** Bump when the extracted format changes so stale caches are ignored. */
const FORMAT = 2;

let memo: Promise<SpecOperation[]> | undefined;

async function locate(): Promise<{ specPath: string; cachePath: string }> {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@octokit/openapi/package.json");
  const pkg: unknown = JSON.parse(await readFile(pkgPath, "utf8"));
  const version = isRecord(pkg) && typeof pkg.version === "string" ? pkg.version : "unknown";
  const pkgDir = dirname(pkgPath);
  const nodeModules = dirname(dirname(pkgDir));
  return {
    specPath: join(pkgDir, "generated", "api.github.com.deref.json"),
    cachePath: join(nodeModules, ".cache", "pitwall-windtunnel", `openapi-${version}-f${FORMAT}.json`),
  };
}

function parseCache(text: string): SpecOperation[] | undefined {
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed) || parsed.format !== FORMAT || !Array.isArray(parsed.operations)) return undefined;
  // written by extractOperations below; its shape is ours, only the envelope is checked
  const operations: SpecOperation[] = parsed.operations.filter((op): op is SpecOperation => isRecord(op) && typeof op.path === "string");
  return operations;
}

async function load(): Promise<SpecOperation[]> {
  const { specPath, cachePath } = await locate();
  try {
    const cached = parseCache(await readFile(cachePath, "utf8"));
    if (cached) return cached;
  } catch {
    // no cache yet
  }
  const operations = extractOperations(JSON.parse(await readFile(specPath, "utf8")));
  await mkdir(dirname(cachePath), { recursive: true });
  const temp = `${cachePath}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ format: FORMAT, operations }));
  await rename(temp, cachePath);
  return operations;
}

/** GitHub's REST operations, from the cache when it exists (memoised per process). */
export function loadOperations(): Promise<SpecOperation[]> {
  memo ??= load().catch((error: unknown) => {
    memo = undefined;
    throw error;
  });
  return memo;
}
