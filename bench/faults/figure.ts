// A figure of the fault suite: what was measured, its value, what it must be, and whether it is.

export interface Figure {
  scenario: string;
  name: string;
  value: string;
  /** What the figure must be, in words ("0", "1", "= the vendor's bill"). */
  expected: string;
  ok: boolean;
  /** Why it failed, or what it depends on. */
  note?: string;
}

export function figure(scenario: string, name: string, value: number | bigint | string, expected: number | string, ok?: boolean, note?: string): Figure {
  const passed = ok ?? String(value) === String(expected);
  return { scenario, name, value: String(value), expected: String(expected), ok: passed, ...(note === undefined ? {} : { note }) };
}

export function printFigures(figures: readonly Figure[]): string {
  const width = Math.max(...figures.map((one) => one.name.length), 10);
  return figures
    .map((one) => `${one.ok ? "ok  " : "FAIL"} ${one.scenario}  ${one.name.padEnd(width)}  ${one.value.padStart(12)}  (must be ${one.expected})${one.note ? `  ${one.note}` : ""}`)
    .join("\n");
}

/** A small seeded generator (mulberry32), so a run can be repeated with FAULTS_SEED. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
