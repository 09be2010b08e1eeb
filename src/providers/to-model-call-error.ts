// Both vendor SDKs come from the same generator and share an error hierarchy; this turns either into
// a ModelCallError. Secrets are scrubbed from the message: a proxy or a fake may echo the key back.
import { ModelCallError, kindForStatus } from "./model-call-error.ts";
import type { ModelCallErrorKind } from "./model-call-error.ts";
import type { ProviderName } from "./types.ts";

type ErrorClass<T> = abstract new (...args: never[]) => T;

interface SdkApiError extends Error {
  readonly status: number | undefined;
  readonly headers: Headers | undefined;
  readonly requestID: string | null | undefined;
}

export interface SdkErrorClasses {
  APIError: ErrorClass<SdkApiError>;
  APIUserAbortError: ErrorClass<Error>;
  APIConnectionTimeoutError: ErrorClass<Error>;
  APIConnectionError: ErrorClass<Error>;
}

export interface ErrorContext {
  provider: ProviderName;
  model: string;
  /** Values that must never appear in a message (API keys). */
  secrets: readonly (string | undefined)[];
}

export function toModelCallError(err: unknown, ctx: ErrorContext, sdk: SdkErrorClasses): ModelCallError {
  if (err instanceof ModelCallError) return err;
  const base = { provider: ctx.provider, model: ctx.model };
  const scrub = (message: string): string => scrubSecrets(message, ctx.secrets);
  if (err instanceof sdk.APIUserAbortError) {
    return new ModelCallError({ ...base, kind: "aborted", message: "request aborted" });
  }
  if (err instanceof sdk.APIConnectionTimeoutError) {
    return new ModelCallError({ ...base, kind: "timeout", message: scrub(err.message) });
  }
  if (err instanceof sdk.APIConnectionError) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
    return new ModelCallError({ ...base, kind: "connection", message: scrub(err.message + cause) });
  }
  if (err instanceof sdk.APIError && err.status !== undefined) {
    const kind: ModelCallErrorKind = kindForStatus(err.status);
    return new ModelCallError({
      ...base,
      kind,
      status: err.status,
      message: scrub(err.message),
      retryAfterMs: retryAfterMs(err.headers),
      requestId: err.requestID ?? undefined,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ModelCallError({ ...base, kind: "other", message: scrub(message) });
}

export function scrubSecrets(message: string, secrets: readonly (string | undefined)[]): string {
  let out = message;
  for (const secret of secrets) {
    // Short values (placeholders) are not secrets and would mangle ordinary words.
    if (secret !== undefined && secret.length >= 8) out = out.split(secret).join("[redacted]");
  }
  return out;
}

// Only the delta forms: an HTTP-date would need the clock.
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const seconds = Number(headers?.get("retry-after") ?? Number.NaN);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return undefined;
}
