// `npm run faults`: the fault suite of issue 16. Each scenario runs Pitwall replicas (separate OS
// processes on one fresh PostgreSQL database, windtunnel/replicas) through a fault, then prints
// its figures and asserts each: the run exits 1 if any fails.
import { readCommandLine } from "../../windtunnel/read-command-line.ts";
import { printFigures, seededRandom, type Figure } from "./figure.ts";
import { faultSizes } from "./fault-sizes.ts";

const usage = `Usage: npm run faults [-- --full] [-- --only a,b,...]

The fault suite (issue 16): runs Pitwall replicas on a fresh PostgreSQL database through faults
and prints and asserts its figures (exit code 1 when any figure is off). Needs
PITWALL_TEST_DATABASE_URL: a PostgreSQL server whose role may create databases.

  --full              the full size (also FAULTS_SIZE=full); CI size by default
  --only <letters>    only these scenarios, e.g. --only a,c
  FAULTS_SEED=<n>     the seed of the random choices (default: 16)
  FAULTS_SETTLE_MS=<n>  the longest wait for the replicas to settle (default: 60000 at CI size)
  -h, --help          print this and exit
`;
const { values } = readCommandLine("npm run faults", usage, {
  args: process.argv.slice(2),
  options: { full: { type: "boolean" }, only: { type: "string" } },
  allowPositionals: false,
});
const server = process.env.PITWALL_TEST_DATABASE_URL?.trim();
if (!server) {
  console.error("npm run faults needs PITWALL_TEST_DATABASE_URL: a PostgreSQL server whose role may create databases (.ci/run starts one).");
  process.exit(2);
}
const settleMs = process.env.FAULTS_SETTLE_MS ? Number(process.env.FAULTS_SETTLE_MS) : undefined;
const size = faultSizes(values.full === true || process.env.FAULTS_SIZE === "full" ? "full" : "ci", Number.isFinite(settleMs) ? settleMs : undefined);
const seed = Number(process.env.FAULTS_SEED ?? 16);
const only = new Set((typeof values.only === "string" ? values.only : "abcdef").split(/[,\s]*/).filter(Boolean));
const random = seededRandom(seed);
console.log(`fault suite, ${size.name} size, seed ${seed}, on ${new URL(server).host}`);

// Loaded after the command line is read: `--help` answers at once.
const { faultScenarios } = await import("./scenarios.ts");
const scenarios = faultScenarios(server, size, random);
const figures: Figure[] = [];
for (const [letter, title, run] of scenarios) {
  if (!only.has(letter)) continue;
  const started = performance.now();
  console.log(`\n${letter}. ${title}`);
  const found = await run().catch((error: unknown) => [{ scenario: letter, name: "scenario ran to its end", value: "threw", expected: "ran", ok: false, note: error instanceof Error ? (error.stack ?? error.message) : String(error) }]);
  console.log(printFigures(found));
  console.log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  figures.push(...found);
}
const failed = figures.filter((one) => !one.ok);
console.log(`\n${figures.length - failed.length} of ${figures.length} figures as they must be${failed.length > 0 ? `; off: ${failed.map((one) => `${one.scenario} ${one.name}`).join("; ")}` : ""}`);
process.exit(failed.length > 0 ? 1 : 0);
