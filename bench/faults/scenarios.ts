import type { Figure } from "./figure.ts";
import type { FaultSizes } from "./fault-sizes.ts";
import { oneDeliveryManyTimes } from "./one-delivery-many-times.ts";
import { killedMidRun } from "./killed-mid-run.ts";
import { killedAndRestarted } from "./killed-and-restarted.ts";
import { everyOrdering } from "./every-ordering.ts";
import { droppedDeliveries } from "./dropped-deliveries.ts";
import { hostileUnderFaults } from "./hostile-under-faults.ts";

/** The scenarios of issue 16's fault suite: letter, title, run. */
export function faultScenarios(server: string, size: FaultSizes, random: () => number): [string, string, () => Promise<Figure[]>][] {
  return [
    ["a", `${size.copies} deliveries of one id at once across 3 replicas`, () => oneDeliveryManyTimes(server, size.copies)],
    ["b", `3 replicas, ${size.killedMidRun} work items, the busiest replica SIGKILLed mid-run`, () => killedMidRun(server, size.killedMidRun, size.settleMs, random)],
    ["c", `${size.killedRuns} runs with a replica SIGKILLed at a random point of a work item's first passes, then restarted`, () => killedAndRestarted(server, size.killedRuns, size.settleMs, random)],
    ["d", `orderings of a work item's events (${size.orderings} besides the order raised)`, () => everyOrdering(server, size.orderings, size.settleMs, random)],
    ["e", `10% of deliveries dropped, ${size.droppedItems} work items, then the sweep`, () => droppedDeliveries(server, size.droppedItems, size.settleMs, random)],
    ["f", "the hostile corpus's texts across 2 replicas, a command job retried, a permission dropped before its job", () => hostileUnderFaults(server, size.hostileComments, size.settleMs)],
  ];
}
