// What the fake records about the app's requests, for test assertions.

export interface RequestLogEntry {
  method: string;
  /** the path as sent, without the query */
  path: string;
  /** GitHub's path template when the route is known */
  route: string | null;
  query: Record<string, string>;
  status: number;
  /** the request was applied but its answer never sent (a "lost-response" fault) */
  lost?: boolean;
  body?: unknown;
  operationId?: string;
  /** login the request acted as (`<slug>[bot]` for the app), null when unauthenticated */
  actor: string | null;
  at: string;
}

export type ViolationKind = "unknown-route" | "not-implemented" | "invalid-request" | "invalid-json" | "fake-error";

/** Something the app sent that real GitHub would reject or that the wind tunnel cannot answer. */
export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  operationId?: string;
  message: string;
}
