import { describe, expect, it } from "vitest";
import { defaultSweepSettings, readSweepSettings } from "../../src/app/read-sweep-settings.ts";

describe("readSweepSettings", () => {
  it("defaults to a round every 5 minutes of at most 100 calls", () => {
    expect(readSweepSettings({})).toEqual({ settings: { minutes: 5, callsPerRound: 100 }, problems: [] });
    expect(defaultSweepSettings).toEqual({ minutes: 5, callsPerRound: 100 });
  });

  it("reads both variables; 0 minutes turns the sweep off", () => {
    expect(readSweepSettings({ PITWALL_SWEEP_MINUTES: "0", PITWALL_SWEEP_CALLS: " 250 " })).toEqual({ settings: { minutes: 0, callsPerRound: 250 }, problems: [] });
  });

  it("keeps the default for a value it cannot use, and says which and why", () => {
    const read = readSweepSettings({ PITWALL_SWEEP_MINUTES: "five", PITWALL_SWEEP_CALLS: "3" });
    expect(read.settings).toEqual(defaultSweepSettings);
    expect(read.problems).toEqual([
      'PITWALL_SWEEP_MINUTES="five" is not a whole number from 0 to 1440; using 5',
      'PITWALL_SWEEP_CALLS="3" is not a whole number from 10 to 5000; using 100',
    ]);
    expect(readSweepSettings({ PITWALL_SWEEP_MINUTES: "2.5" }).problems).toHaveLength(1);
  });
});
