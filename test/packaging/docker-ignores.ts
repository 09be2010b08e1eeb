import { readFileSync } from "node:fs";

// `.dockerignore` as Docker reads it (moby/patternmatcher): each pattern is matched against the
// path from the context's root, not at any depth as in .gitignore (`*.pem` only matches at the
// top; `**/*.pem` everywhere); a pattern that matches a folder leaves out everything in it; the
// last matching line wins, and `!` lines bring a path back.

function toRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] ?? "";
    if (char === "*" && pattern[i + 1] === "*") {
      // `**/` matches no folder or any number of them; a trailing `**` matches everything below.
      const slash = pattern[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** A predicate: true when the build context leaves `path` (relative, `/`-separated) out. */
export function dockerIgnores(dockerignorePath: string): (path: string) => boolean {
  const rules = readFileSync(dockerignorePath, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const negated = line.startsWith("!");
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+/, "").replace(/\/+$/, "");
      return { negated, regExp: toRegExp(pattern) };
    });
  return (path) => {
    const parts = path.split("/");
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let ignored = false;
    for (const rule of rules) if (prefixes.some((prefix) => rule.regExp.test(prefix))) ignored = !rule.negated;
    return ignored;
  };
}
