// Which names hold credentials when a value is assigned to them: `DB_PASSWORD=`, `"apiKey":`,
// `spring.datasource.password =`, `_authToken=`. Only the name's last words count, so
// `passwordHash`, `tokenizer` and `max_tokens` are not secret names.

/** `password` values may be short and human-made; `token` values are machine-made and random; `key` only on a config line. */
export type SecretNameKind = "password" | "token" | "key";

// Whole last words (after splitting on separators and camelCase): `bypass` is not `pass`.
const passwordWords = new Set(["password", "passwd", "pwd", "pw", "pass", "passphrase", "passcode"]);
// The name with separators removed ends with one of these: `clientSecret`, `SECRETKEY`, `_authToken`.
const tokenSuffix = /(?:password|passwd|passphrase|secret|token|apikey|accesskey|privatekey|secretkey|auth|credentials?|dsn|connectionstring|signingkey|encryptionkey|masterkey)$/;
// A key that finds a record, a cache entry or a request rather than unlocking anything: `cacheKey`, `PRIMARY_KEY`.
const recordKeyWords = new Set([
  "cache",
  "sort",
  "primary",
  "foreign",
  "partition",
  "idempotency",
  "dedup",
  "dedupe",
  "deduplication",
  "routing",
  "shard",
  "lookup",
  "unique",
  "composite",
  "index",
  "row",
  "range",
  "hash",
  "public",
]);

export function secretNameKind(name: string): SecretNameKind | undefined {
  const lastSegment = name.slice(name.lastIndexOf(".") + 1).replace(/^[-$_]+/, "");
  const words = lastSegment
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
  const last = words.at(-1);
  if (last === undefined) return undefined;
  if (passwordWords.has(last)) return "password";
  const joined = words.join("");
  if (tokenSuffix.test(joined)) return /pass(?:word|wd|phrase)$/.test(joined) ? "password" : "token";
  if (last === "key" && words.length > 1 && !recordKeyWords.has(words.at(-2) ?? "")) return "key";
  return undefined;
}
