// Dollars are summed as integer nano-dollars so totals match the ledger to the last digit
// (floating point would drift); they are shown rounded to the cent, or finer when tiny.

const nanoPerDollar = 1_000_000_000n;

/** Parses a decimal dollar string such as "0.012345678" into integer nano-dollars. */
export function usdToNano(usd: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{0,9})\d*)?$/.exec(usd.trim());
  if (!match) throw new Error(`not a dollar amount: ${usd}`);
  const [, sign, whole = "0", fraction = ""] = match;
  const nano = BigInt(whole) * nanoPerDollar + BigInt(fraction.padEnd(9, "0"));
  return sign === "-" ? -nano : nano;
}

export function nanoToUsd(nano: bigint): string {
  const sign = nano < 0n ? "-" : "";
  const abs = nano < 0n ? -nano : nano;
  return `${sign}${abs / nanoPerDollar}.${(abs % nanoPerDollar).toString().padStart(9, "0")}`;
}

export function sumUsd(amounts: readonly string[]): string {
  return nanoToUsd(amounts.reduce((total, amount) => total + usdToNano(amount), 0n));
}

/**
 * `$0.42`; amounts under a cent keep four decimals (`$0.0031`) so cheap calls don't read as free.
 * Rounded to the nearest, or (for non-negative amounts) up or down, e.g. for a cap and what is left.
 */
export function formatUsd(usd: string, rounding: "nearest" | "up" | "down" = "nearest"): string {
  const nano = usdToNano(usd);
  const decimals = nano !== 0n && nano < 10_000_000n && nano > -10_000_000n ? 4 : 2;
  const unit = 10n ** BigInt(9 - decimals);
  const toward = nano < 0n || rounding === "nearest" ? (nano >= 0n ? unit / 2n : -unit / 2n) : rounding === "up" ? unit - 1n : 0n;
  const rounded = (nano + toward) / unit;
  const sign = rounded < 0n ? "-" : "";
  const abs = rounded < 0n ? -rounded : rounded;
  const scale = 10n ** BigInt(decimals);
  return `${sign}$${abs / scale}.${(abs % scale).toString().padStart(decimals, "0")}`;
}
