import { createSign } from "node:crypto";

/** What GitHub said when asked who this app is (`GET /app`, authenticated by the app's JWT). */
export type GitHubAppAnswer =
  | { kind: "app"; slug: string }
  | { kind: "refused"; status: number; message: string }
  | { kind: "unreachable"; cause: string };

export interface AppCredentials {
  apiUrl: string;
  appId: number;
  privateKey: string;
}

/**
 * Asks GitHub once, within `timeoutMs` and without retries, whether it knows the app by this key:
 * at start-up, a wrong APP_ID or key is told in seconds, not after minutes of retried jobs.
 */
export async function askGitHubForApp(credentials: AppCredentials, timeoutMs: number, now: Date = new Date()): Promise<GitHubAppAnswer> {
  let response: Response;
  try {
    response = await fetch(`${credentials.apiUrl}/app`, {
      headers: { accept: "application/vnd.github+json", authorization: `Bearer ${appJwt(credentials, now)}`, "user-agent": "pitwall", "x-github-api-version": "2022-11-28" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: "unreachable", cause: failureCause(error, timeoutMs) };
  }
  const body: unknown = await response.json().catch(() => undefined);
  const field = (name: string): string | undefined => {
    const value: unknown = typeof body === "object" && body !== null ? Reflect.get(body, name) : undefined;
    return typeof value === "string" ? value : undefined;
  };
  if (response.ok) return { kind: "app", slug: field("slug") ?? "" };
  // 401: the JWT is not the app's (a wrong APP_ID, another app's key, or a deleted app).
  if (response.status === 401) return { kind: "refused", status: 401, message: field("message") ?? response.statusText };
  return { kind: "unreachable", cause: `it answered ${response.status} ${field("message") ?? response.statusText}` };
}

/** The app's JSON web token (RS256), valid as GitHub requires: issued a minute ago, for under ten minutes. */
function appJwt({ appId, privateKey }: AppCredentials, now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: seconds - 60, exp: seconds + 540, iss: appId })}`;
  return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(privateKey, "base64url")}`;
}

function failureCause(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs / 1000} s`;
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return "code" in cause && typeof cause.code === "string" ? `${cause.code} (${cause.message})` : cause.message;
  return error instanceof Error ? error.message : String(error);
}
