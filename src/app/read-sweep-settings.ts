/** How the reconciliation sweep runs (README "Catching up on lost webhooks"). */
export interface SweepSettings {
  /** Minutes between rounds; 0 turns the sweep off (start-up round included). */
  minutes: number;
  /** GitHub calls one round may make per installation. */
  callsPerRound: number;
}

export const defaultSweepSettings: SweepSettings = { minutes: 5, callsPerRound: 100 };

/**
 * PITWALL_SWEEP_MINUTES and PITWALL_SWEEP_CALLS. A value that is not a whole number in range is
 * not fatal: the default is used and `problems` says which variable was ignored and why.
 */
export function readSweepSettings(env: Readonly<Record<string, string | undefined>>): { settings: SweepSettings; problems: string[] } {
  const problems: string[] = [];
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name}=${JSON.stringify(raw)} is not a whole number from ${min} to ${max}; using ${fallback}`);
    return fallback;
  };
  return {
    settings: {
      minutes: whole("PITWALL_SWEEP_MINUTES", defaultSweepSettings.minutes, 0, 24 * 60),
      callsPerRound: whole("PITWALL_SWEEP_CALLS", defaultSweepSettings.callsPerRound, 10, 5_000),
    },
    problems,
  };
}
