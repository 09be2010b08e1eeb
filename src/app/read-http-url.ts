/** An http(s) URL setting (no query or fragment), or undefined when unset; an error naming `name` otherwise. */
export function readHttpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL such as https://pitwall.example.com, not "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`${name} must be an http(s) URL, not "${value}"`);
  if (url.search !== "" || url.hash !== "") throw new Error(`${name} must not have a query or fragment: "${value}"`);
  return value;
}
