// Money is one type: integer nano-dollars (`Nano`), so totals match the ledger to the last digit
// (floating point would drift). Dollars appear only at the edges: parsed once from config, price
// tables and SQL numerics (`usdToNano`, `dollarsToNano`), written back as decimal strings
// (`nanoToUsd`), and shown rounded to the cent, or finer when tiny (`formatUsd`).

/**
 * Nano-dollars. A plain alias of bigint rather than a brand: bigint already keeps money apart
 * from every other figure here (tokens, counts and milliseconds are numbers), and a brand would
 * need a cast after every `+` and `-` of amounts.
 */
export type Nano = bigint;

const nanoPerDollar = 1_000_000_000n;

/** Parses a decimal dollar string such as "0.012345678" into nano-dollars (digits past nine are cut). */
export function usdToNano(usd: string): Nano {
  const match = /^(-?)(\d+)(?:\.(\d{0,9})\d*)?$/.exec(usd.trim());
  if (!match) throw new Error(`not a dollar amount: ${usd}`);
  const [, sign, whole = "0", fraction = ""] = match;
  const nano = BigInt(whole) * nanoPerDollar + BigInt(fraction.padEnd(9, "0"));
  return sign === "-" ? -nano : nano;
}

/**
 * A dollar figure written as a number in config (`budget_usd: 0.3`) in nano-dollars, rounded to
 * the nearest: the number's decimal digits are read, not its binary value, so 0.1 + 0.2 is 0.3.
 */
export function dollarsToNano(usd: number): Nano {
  if (!Number.isFinite(usd)) throw new Error(`not a dollar amount: ${usd}`);
  return usdToNano(usd.toFixed(9));
}

/** Nano-dollars as exact decimal dollars with nine decimals, for SQL numerics, JSON and CSV. */
export function nanoToUsd(nano: Nano): string {
  const sign = nano < 0n ? "-" : "";
  const abs = nano < 0n ? -nano : nano;
  return `${sign}${abs / nanoPerDollar}.${(abs % nanoPerDollar).toString().padStart(9, "0")}`;
}

export function sumNano(amounts: readonly Nano[]): Nano {
  return amounts.reduce((total, amount) => total + amount, 0n);
}

/**
 * `$0.42`; amounts under a cent keep four decimals (`$0.0031`) so cheap calls don't read as free.
 * Rounded to the nearest, or (for non-negative amounts) up or down, e.g. for a cap and what is left.
 */
export function formatUsd(nano: Nano, rounding: "nearest" | "up" | "down" = "nearest"): string {
  const decimals = nano !== 0n && nano < 10_000_000n && nano > -10_000_000n ? 4 : 2;
  const unit = 10n ** BigInt(9 - decimals);
  const toward = nano < 0n || rounding === "nearest" ? (nano >= 0n ? unit / 2n : -unit / 2n) : rounding === "up" ? unit - 1n : 0n;
  const rounded = (nano + toward) / unit;
  const sign = rounded < 0n ? "-" : "";
  const abs = rounded < 0n ? -rounded : rounded;
  const scale = 10n ** BigInt(decimals);
  return `${sign}$${abs / scale}.${(abs % scale).toString().padStart(decimals, "0")}`;
}
