// `docs/document-the-config-file.md`, `src/launch-parser.ts, src/launch-io.ts`, `launch-parser.ts`:
// a value that names files says where something is, not how to get in. A prompt line such as
// "Files changed by the pass: src/x.ts" reads like an assignment to `pass`; its value is a path.

// A lower-case extension of up to ten characters: `.md`, `.ts`, `.json`, `.tar.gz`'s `.gz`.
const withExtension = /^[\w.-]*[\w-]\.[a-z][a-z0-9]{0,9}$/;
// A bare file name (no `/`) counts only with an extension files commonly have, so a password
// such as `Zx8kd92.Lm` or `correct-horse-battery.staple9` is not taken for one.
const commonExtension =
  /\.(?:md|mdx|markdown|rst|txt|adoc|ts|tsx|mts|cts|js|jsx|mjs|cjs|json|jsonc|ya?ml|toml|ini|cfg|conf|xml|html?|css|scss|sql|sh|bash|py|rb|go|rs|java|kt|kts|swift|c|h|cc|cpp|hpp|cs|php|lock|log|csv|svg|png|jpe?g|gif)$/;

function isOnePath(value: string): boolean {
  const segments = value.split("/");
  if (!segments.every((segment) => /^[\w.-]+$/.test(segment))) return false;
  const last = segments.at(-1) ?? "";
  if (!withExtension.test(last)) return false;
  return segments.length > 1 || commonExtension.test(last);
}

/** Whether the value is a file path, or a list of them separated by commas or spaces. */
export function isFilePath(value: string): boolean {
  const paths = value.split(/\s*,\s*|\s+/).filter((path) => path !== "");
  return paths.length > 0 && paths.every(isOnePath);
}
