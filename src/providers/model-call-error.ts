// A vendor call that failed, described the same way for every vendor so the router can decide
// whether to try the next model of the tier without knowing which SDK threw.
import type { ProviderName } from "./types.ts";

export type ModelCallErrorKind =
  | "auth"
  | "bad_request"
  | "rate_limit"
  | "overloaded"
  | "server"
  | "timeout"
  | "connection"
  | "aborted"
  | "invalid_response"
  | "other";

export interface ModelCallErrorInit {
  provider: ProviderName;
  model: string;
  kind: ModelCallErrorKind;
  message: string;
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  requestId?: string | undefined;
}

// Transient on the vendor's side: the same call may succeed later.
const transientKinds: ReadonlySet<ModelCallErrorKind> = new Set([
  "rate_limit",
  "overloaded",
  "server",
  "timeout",
  "connection",
  "invalid_response",
]);

export class ModelCallError extends Error {
  override readonly name = "ModelCallError";
  readonly provider: ProviderName;
  readonly model: string;
  readonly kind: ModelCallErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;

  constructor(init: ModelCallErrorInit) {
    super(`${init.provider}/${init.model}: ${init.message}`);
    this.provider = init.provider;
    this.model = init.model;
    this.kind = init.kind;
    this.status = init.status;
    this.retryable = transientKinds.has(init.kind);
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
  }
}

export function kindForStatus(status: number): ModelCallErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 429) return "rate_limit";
  if (status === 529 || status === 503) return "overloaded";
  if (status === 408) return "timeout";
  if (status >= 500) return "server";
  if (status >= 400) return "bad_request";
  return "other";
}
