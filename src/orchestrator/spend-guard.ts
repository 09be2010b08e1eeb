import type { CallPermit, NextCall } from "../agents/run-agent.ts";
import { decideNextCall, type NextCallDecision } from "../domain/budget-policy.ts";
import type { Nano } from "../domain/money.ts";
import type { PriceTable } from "../definitions/price-table.schema.ts";
import { callCapNano } from "../providers/prices.ts";
import { applicableBudgets, readBudgetStates, type ApplicableBudget } from "./budget-gate.ts";
import type { OrchestratorDeps } from "./deps.ts";
import type { ReservationHolder, WorkItemRecord } from "../domain/types.ts";
import type { Store } from "./store-port.ts";

/**
 * Holds a running agent to its budget reservation call by call: before each model call the
 * reservation must cover the call's cap, grown under the budget lock when every budget has room.
 * So concurrent passes never together spend past a limit, however far past its estimate one goes.
 */
export interface SpendGuard {
  /** The reservation the agent's calls are recorded under; null when no budget applies. */
  reservationId: number | null;
  beforeCall: (next: NextCall) => Promise<CallPermit>;
  /** An owner's `/approve budget` covers these calls (up to the over threshold). */
  approved: boolean;
  /** Why and by which budget the agent was stopped, once it was. */
  stopped: NextCallStop | undefined;
  /** The reservation gives way to what the calls cost (once the agent is done). */
  settle: () => Promise<void>;
}

export type NextCallStop = Extract<NextCallDecision, { kind: "stop" }>;

export interface GuardRequest {
  /** The pass run the calls belong to (none for the analyst's classification). */
  passRunId: number | null;
  holder: ReservationHolder;
  /** What an owner's `/approve budget` names when it covers these calls (`<pass>:<iteration>`). */
  approvalKey: string | null;
  prices: PriceTable;
}

export async function guardSpending(deps: Pick<OrchestratorDeps, "store" | "clock">, item: WorkItemRecord, request: GuardRequest): Promise<SpendGuard> {
  const budgets = applicableBudgets(item);
  const approved = request.approvalKey !== null && item.budgetApprovedFor === request.approvalKey;
  if (budgets.length === 0) return { reservationId: null, approved, beforeCall: () => Promise.resolve({ ok: true }), stopped: undefined, settle: () => Promise.resolve() };
  // A pass's reservation was made when it was dispatched; a verifier's starts empty. Either way
  // this is the one its calls are recorded and topped up under.
  const reservationId = await deps.store.holdReservation({ workItemId: item.id, passRunId: request.passRunId, holder: request.holder, estimateUsd: 0n, now: deps.clock.now() });
  const guard: SpendGuard = {
    reservationId,
    approved,
    stopped: undefined,
    beforeCall: async (next) => {
      const callCapUsd = callCapNano(next.ref, { promptTokens: next.promptTokensAtMost, outputTokens: next.outputTokensAtMost }, request.prices);
      const decision = await reserveNextCall(deps.store, { budgets, reservationId, callCapUsd, approved, now: deps.clock.now() });
      if (decision.kind === "call") return { ok: true };
      guard.stopped = decision;
      return { ok: false, reason: decision.reason };
    },
    settle: () => deps.store.settleReservationById(reservationId, deps.clock.now()),
  };
  return guard;
}

export interface NextCallReservation {
  budgets: readonly ApplicableBudget[];
  reservationId: number;
  callCapUsd: Nano;
  approved: boolean;
  now: Date;
}

/**
 * Reads the reservation and every budget's spend, decides, and grows the reservation to cover the
 * call — in one transaction under the budget lock, like a dispatch's reservation.
 */
export async function reserveNextCall(store: Store, request: NextCallReservation): Promise<NextCallDecision> {
  return store.transaction(async (tx) => {
    await tx.lockBudgets();
    // Settled by another attempt of the same work still running (a job whose lease ran out):
    // held again with nothing unspent, so this attempt reserves afresh for what it calls.
    await tx.reopenReservation(request.reservationId);
    const reservation = await tx.readReservation(request.reservationId);
    if (!reservation) throw new Error(`budget reservation ${request.reservationId} is not held`);
    const states = await readBudgetStates(tx, request.budgets, request.now);
    const unspent = reservation.estimateUsd - reservation.spentUsd;
    const decision = decideNextCall({ budgets: states, callCapUsd: request.callCapUsd, unspentUsd: unspent > 0n ? unspent : 0n, approved: request.approved });
    if (decision.kind === "call" && decision.topUpUsd > 0n) await tx.raiseReservation(reservation.id, reservation.spentUsd + request.callCapUsd);
    return decision;
  });
}
