// `npm run bench:secrets [-- folder…]`: runs the secret scanner over this
// repo's own source (default: src/ and agents/, workflows/), which holds no real secrets, and
// prints every finding — each one is a false positive, a cost when the scanner refuses code an
// agent wrote. Prints numbers; asserts nothing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { scanSecrets } from "../src/agents/secret-scanner.ts";

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["src", "agents", "workflows"];

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
