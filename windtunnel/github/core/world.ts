// The world every route, action and renderer works on: state, the app's identity, URLs,
// the clock, ids, and where raised events go.
import type { KeyObject } from "node:crypto";
import type { IdSource } from "./ids.ts";
import type { AppRecord, FakeState } from "../types.ts";

/** The app under test: like any other app, plus the key that verifies its JWTs. */
export interface AppIdentity extends AppRecord {
  publicKey: KeyObject;
}

export interface Urls {
  /** API root, e.g. http://127.0.0.1:PORT (set once the server listens) */
  api: string;
  /** where html_url points, like https://github.com */
  html: string;
}

/** Raises a GitHub event; `payload.action` names the action when the event has one. */
export type Emit = (event: string, payload: Record<string, unknown>) => void;

export interface World {
  state: FakeState;
  app: AppIdentity;
  urls: Urls;
  now: () => Date;
  ids: IdSource;
  emit: Emit;
}

/** The same world with events sent elsewhere (a request buffers them until it has answered). */
export function withEmit(world: World, emit: Emit): World {
  return { ...world, emit };
}
