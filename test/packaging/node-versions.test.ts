import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readDockerfile } from "./read-dockerfile.ts";
import { satisfiesNodeRange } from "./satisfies-node-range.ts";

// Two Node versions, said the same way everywhere: the one that installs (any Node 20+ with npm:
// `devEngines`, README, CI) and the one that runs Pitwall and its tests (the `node` dev
// dependency as locked, `engines`, the Docker image, README).
const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, "utf8");
const readme = read("README.md").replace(/\s+/g, " ");
const pkg = z
  .object({
    engines: z.object({ node: z.string() }),
    devEngines: z.object({ runtime: z.object({ name: z.literal("node"), version: z.string() }) }),
    devDependencies: z.object({ node: z.string() }),
  })
  .parse(JSON.parse(read("package.json")));
const lock = z
  .object({ packages: z.record(z.string(), z.object({ version: z.string().optional(), optional: z.boolean().optional(), engines: z.object({ node: z.string().optional() }).optional() })) })
  .parse(JSON.parse(read("package-lock.json")));
/** The installed packages (not Pitwall itself, not optional ones) whose `engines.node` rejects Node `version`: npm warns for each. */
const warnedOn = (version: string) =>
  Object.entries(lock.packages)
    .filter(([path, entry]) => path !== "" && !entry.optional && entry.engines?.node !== undefined && !satisfiesNodeRange(version, entry.engines.node))
    .map(([path]) => path.replace(/^.*node_modules\//, ""))
    .sort();
const runtimeVersion = lock.packages["node_modules/node"]?.version ?? "(not locked)";
const runtimeMajor = runtimeVersion.split(".")[0];

/** The lowest version of a `>=X[.Y[.Z]]` range, as [major, minor, patch]. */
function floor(range: string): number[] {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`write the range as ">=X.Y.Z", not "${range}"`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}
const atLeast = (version: string, lowest: number[]) => {
  const parts = version.split(".").map(Number);
  for (let i = 0; i < 3; i += 1) if ((parts[i] ?? 0) !== (lowest[i] ?? 0)) return (parts[i] ?? 0) > (lowest[i] ?? 0);
  return true;
};

describe("the Node that runs Pitwall", () => {
  it("is the Docker image's Node, exactly the locked `node` package", () => {
    const images = readDockerfile(`${root}Dockerfile`)
      .filter((instruction) => instruction.name === "FROM")
      .map((from) => /^node:([^\s-]+)/.exec(from.args)?.[1] ?? from.args);
    expect(images.length).toBeGreaterThan(0);
    for (const tag of images) expect(tag).toBe(runtimeVersion);
  });

  it("is where the `node` dev dependency's range starts", () => {
    expect(pkg.devDependencies.node.replace(/^[\^~]/, "")).toBe(runtimeVersion);
  });

  it("satisfies `engines`, of the same major", () => {
    const lowest = floor(pkg.engines.node);
    expect(String(lowest[0])).toBe(runtimeMajor);
    expect(atLeast(runtimeVersion, lowest)).toBe(true);
  });

  it("meets every installed package's engines", () => {
    expect(warnedOn(runtimeVersion)).toEqual([]);
  });

  it("is the one README names", () => {
    expect(readme).toContain(`Pitwall runs on Node ${runtimeMajor}`);
    expect(readme).toContain(`(${runtimeVersion} in the lockfile, the same as the Docker image)`);
  });
});

describe("the Node that installs", () => {
  const lowest = floor(pkg.devEngines.runtime.version);
  const installerMajor = lowest[0];

  it("is the one README asks for", () => {
    expect(readme).toContain(`with Node.js ${pkg.devEngines.runtime.version.replace(/^>=\s*/, "")} or newer and npm`);
  });

  it("draws exactly the EBADENGINE warnings README explains", () => {
    const listed = /warns `EBADENGINE` for the packages that need Node \d+ \(([^)]*)\)/.exec(readme)?.[1];
    expect(listed).toBeDefined();
    expect((listed ?? "").split(",").map((name) => name.trim().replace(/`/g, "")).sort()).toEqual(warnedOn(lowest.join(".")));
  });

  it("is CI's Node or older", () => {
    const ciNode = /node-version:\s*"?(\d+)/.exec(read(".github/workflows/ci.yml"))?.[1];
    expect(Number(ciNode)).toBeGreaterThanOrEqual(Number(installerMajor));
  });
});
