// `npm run bench:secrets [-- folder…]`: runs the secret scanner over this
// repo's own source (default: src/, windtunnel/, agents/ and workflows/), which holds no real secrets, and
// prints every finding — each one is a false positive, a cost when the scanner refuses code an
// agent wrote. Prints numbers; asserts nothing.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { scanSecrets } from "../src/agents/secret-scanner.ts";
import { exitWithUsage, readCommandLine } from "../windtunnel/read-command-line.ts";

const usage = `Usage: npm run bench:secrets [-- <folder or file>…]

Runs the secret scanner over the given folders and files (default: src, windtunnel, agents, workflows) and
prints every finding: each is a false positive, since this repository holds no real secrets.

  -h, --help   print this and exit
`;
const { positionals } = readCommandLine("npm run bench:secrets", usage, { args: process.argv.slice(2), options: {}, allowPositionals: true });
const roots = positionals.length > 0 ? positionals : ["src", "windtunnel", "agents", "workflows"];
const missing = roots.filter((root) => !existsSync(root));
if (missing.length > 0) exitWithUsage("npm run bench:secrets", usage, `no such folder or file: ${missing.join(", ")}`);

function* filesUnder(path: string): Generator<string> {
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".git")) continue;
    yield* filesUnder(join(path, entry));
  }
}

let files = 0;
let lines = 0;
const findings: string[] = [];
for (const root of roots) {
  for (const file of filesUnder(root)) {
    const text = readFileSync(file, "utf8");
    files += 1;
    lines += text.split("\n").length;
    for (const finding of scanSecrets(text)) findings.push(`${file}:${finding.line}:${finding.column} ${finding.kind} ${finding.preview}`);
  }
}
for (const finding of findings) console.log(`  ${finding}`);
console.log(`secret scanner over ${roots.join(", ")}: ${files} files, ${lines} lines, ${findings.length} false positive${findings.length === 1 ? "" : "s"}`);
