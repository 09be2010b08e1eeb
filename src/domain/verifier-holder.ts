import type { ReservationHolder } from "./types.ts";

/** The holder of one verifier run's reservation. */
export function verifierHolder(verifierRunId: number): ReservationHolder {
  return `verifier:${verifierRunId}`;
}
