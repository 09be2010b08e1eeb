import { formatUsd, nanoToUsd, type Nano } from "./money.ts";
import type { CostRow } from "./render-cost-summary.ts";

// Cost reports over the ledger: `pitwall cost` prints them, the app serves the same
// figures as JSON for the dashboard. Pure: rows, the period and the time are handed in.
//
// Glossary
// - call: a ledger row that went to a model. A cache hit is a ledger row whose pass reused its
//   artifacts instead; it is counted under `cacheHits`, not `calls`, and its `savingUsd` says
//   what the call would have cost.
// - period: [from, to), in UTC. `to` is exclusive, so months and days chain without overlap.
// - pass: one pass of one work item, all its iterations together (`o/r#12 implement`).

/** One ledger row with its work item and pass, as `ledgerRows` (store) reads them. */
export interface CostLedgerRow extends Omit<CostRow, "latencyMs"> {
  ledgerId: number;
  createdAt: Date;
  installationId: number;
  repo: { owner: string; name: string };
  workItemId: number;
  issueNumber: number;
  workflow: string;
  passRunId: number | null;
  /** The pass's id in its workflow (`implement`); null for calls made outside a pass. */
  passId: string | null;
  iteration: number;
  cacheHit: boolean;
  savingUsd: Nano;
}

export const costDimensions = ["work_item", "workflow", "agent", "model", "tier", "pass", "repo", "installation"] as const;
export type CostDimension = (typeof costDimensions)[number];

export const reportFormats = ["table", "csv", "json"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface CostPeriod {
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface CostFigures {
  calls: number;
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  usd: Nano;
  cacheHits: number;
  savingUsd: Nano;
  /** Calls to a model with no price in the table: their dollars are missing from `usd`. */
  unpricedCalls: number;
}

export interface CostGroup extends CostFigures {
  key: string;
}

export interface CostReport {
  by: CostDimension;
  period: CostPeriod | undefined;
  /** Most expensive first; ties by key. */
  groups: CostGroup[];
  total: CostFigures;
}

const keyOf: Record<CostDimension, (row: CostLedgerRow) => string> = {
  work_item: (row) => `${row.repo.owner}/${row.repo.name}#${row.issueNumber}`,
  workflow: (row) => row.workflow,
  agent: (row) => row.agent,
  model: (row) => `${row.provider}/${row.model}`,
  tier: (row) => row.tier,
  pass: (row) => `${row.repo.owner}/${row.repo.name}#${row.issueNumber} ${row.passId ?? "(no pass)"}`,
  repo: (row) => `${row.repo.owner}/${row.repo.name}`,
  installation: (row) => String(row.installationId),
};

interface Tally {
  calls: number;
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  nanoUsd: Nano;
  cacheHits: number;
  nanoSaving: Nano;
  unpricedCalls: number;
}

const emptyTally = (): Tally => ({ calls: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0, nanoUsd: 0n, cacheHits: 0, nanoSaving: 0n, unpricedCalls: 0 });

function add(tally: Tally, row: CostLedgerRow): void {
  if (row.cacheHit) tally.cacheHits += 1;
  else tally.calls += 1;
  if (!row.priced && !row.cacheHit) tally.unpricedCalls += 1;
  tally.inputTokens += row.inputTokens;
  tally.cacheWriteTokens += row.cacheWriteTokens;
  tally.cacheReadTokens += row.cacheReadTokens;
  tally.outputTokens += row.outputTokens;
  tally.nanoUsd += row.usd;
  tally.nanoSaving += row.savingUsd;
}

function figures(tally: Tally): CostFigures {
  const { nanoUsd, nanoSaving, ...counts } = tally;
  return { ...counts, usd: nanoUsd, savingUsd: nanoSaving };
}

/** Totals of the rows grouped by one dimension, plus the grand total. */
export function costReport(rows: readonly CostLedgerRow[], by: CostDimension, period?: CostPeriod): CostReport {
  const tallies = new Map<string, Tally>();
  const total = emptyTally();
  for (const row of rows) {
    const key = keyOf[by](row);
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = emptyTally()));
    add(tally, row);
    add(total, row);
  }
  const groups = [...tallies]
    .sort(([keyA, a], [keyB, b]) => (a.nanoUsd === b.nanoUsd ? (keyA < keyB ? -1 : keyA > keyB ? 1 : 0) : a.nanoUsd > b.nanoUsd ? -1 : 1))
    .map(([key, tally]) => ({ key, ...figures(tally) }));
  return { by, period, groups, total: figures(total) };
}

/** Figures as JSON-ready data: dollars as exact decimal strings with nine decimals. */
export type CostFiguresJson = Omit<CostFigures, "usd" | "savingUsd"> & { usd: string; savingUsd: string };

/** The report as JSON-ready data: dollars as decimal strings, times as ISO strings. */
export interface CostReportJson {
  by: CostDimension;
  period: { from: string; to: string } | null;
  groups: (CostFiguresJson & { key: string })[];
  total: CostFiguresJson;
}

function figuresJson<T extends CostFigures>(figures: T): Omit<T, "usd" | "savingUsd"> & { usd: string; savingUsd: string } {
  return { ...figures, usd: nanoToUsd(figures.usd), savingUsd: nanoToUsd(figures.savingUsd) };
}

export function toJson(report: CostReport): CostReportJson {
  return {
    by: report.by,
    period: report.period ? { from: report.period.from.toISOString(), to: report.period.to.toISOString() } : null,
    groups: report.groups.map(figuresJson),
    total: figuresJson(report.total),
  };
}

/** What the app serves at `GET /api/pitwall/cost`. */
export function costReportJson(rows: readonly CostLedgerRow[], by: CostDimension, period?: CostPeriod): CostReportJson {
  return toJson(costReport(rows, by, period));
}

const columns: { title: string; csv: string; value: (f: CostFigures) => string; table: (f: CostFigures) => string }[] = [
  { title: "calls", csv: "calls", value: (f) => String(f.calls), table: (f) => count(f.calls) },
  { title: "input", csv: "input_tokens", value: (f) => String(f.inputTokens), table: (f) => count(f.inputTokens) },
  { title: "cache write", csv: "cache_write_tokens", value: (f) => String(f.cacheWriteTokens), table: (f) => count(f.cacheWriteTokens) },
  { title: "cache read", csv: "cache_read_tokens", value: (f) => String(f.cacheReadTokens), table: (f) => count(f.cacheReadTokens) },
  { title: "output", csv: "output_tokens", value: (f) => String(f.outputTokens), table: (f) => count(f.outputTokens) },
  { title: "cost", csv: "usd", value: (f) => nanoToUsd(f.usd), table: (f) => formatUsd(f.usd) },
  { title: "cache hits", csv: "cache_hits", value: (f) => String(f.cacheHits), table: (f) => count(f.cacheHits) },
  { title: "saved", csv: "saving_usd", value: (f) => nanoToUsd(f.savingUsd), table: (f) => formatUsd(f.savingUsd) },
  { title: "unpriced", csv: "unpriced_calls", value: (f) => String(f.unpricedCalls), table: (f) => count(f.unpricedCalls) },
];

const totalKey = "(total)";
const count = (n: number) => n.toLocaleString("en-US");
const day = (date: Date) => date.toISOString().slice(0, 10);

export function renderReport(report: CostReport, format: ReportFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(toJson(report), null, 2)}\n`;
    case "csv":
      return renderCsv(report);
    case "table":
      return renderTable(report);
    default: {
      const never: never = format;
      throw new Error(`unknown report format ${String(never)}`);
    }
  }
}

/** RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function renderCsv(report: CostReport): string {
  const lines = [
    [report.by, ...columns.map((column) => column.csv)],
    ...report.groups.map((group) => [group.key, ...columns.map((column) => column.value(group))]),
    [totalKey, ...columns.map((column) => column.value(report.total))],
  ];
  return lines.map((fields) => fields.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function renderTable(report: CostReport): string {
  const header = [report.by.replace("_", " "), ...columns.map((column) => column.title)];
  const body = report.groups.map((group) => [group.key, ...columns.map((column) => column.table(group))]);
  const total = [totalKey, ...columns.map((column) => column.table(report.total))];
  const widths = header.map((_, index) => Math.max(...[header, ...body, total].map((cells) => (cells[index] ?? "").length)));
  // The first column is text (left-aligned), the figures right-aligned.
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const title = `Cost by ${report.by.replace("_", " ")}${report.period ? `, ${describePeriod(report.period)}` : ""}`;
  const lines = [title, "", line(header), rule, ...body.map(line), rule, line(total)];
  if (report.groups.length === 0) lines.splice(4, 0, "(no model calls in this period)");
  if (report.total.unpricedCalls > 0) {
    lines.push("", `${count(report.total.unpricedCalls)} call(s) used a model with no price in the table; their cost is not included. Set its price under \`prices:\` in .github/pitwall.yml.`);
  }
  return `${lines.join("\n")}\n`;
}

const dayMs = 24 * 60 * 60 * 1000;

/** "2026-11-01 to 2026-11-30 (UTC)" for whole days, exact times otherwise. */
export function describePeriod(period: CostPeriod): string {
  const wholeDays = period.from.getTime() % dayMs === 0 && period.to.getTime() % dayMs === 0;
  const minute = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")}`;
  return wholeDays
    ? `${day(period.from)} to ${day(new Date(period.to.getTime() - dayMs))} (UTC)`
    : `${minute(period.from)} to ${minute(period.to)} (UTC)`;
}

function parseDay(text: string, what: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC rolls 2026-02-30 over to March: a date that does not read back is not a date.
  if (!date || Number.isNaN(date.getTime()) || day(date) !== text) throw new Error(`${what} "${text}" is not a date: use YYYY-MM-DD, e.g. 2026-11-01.`);
  return date;
}

const periodHelp = 'Use a month (2026-11), a range of days (2026-11-01..2026-11-21, both included) or "last-N-days" (last-30-days).';

/** Parses a report period, in UTC; `to` is exclusive. `now` ends the "last-N-days" periods. */
export function parsePeriod(text: string, now: Date): CostPeriod {
  const trimmed = text.trim();
  const month = /^(\d{4})-(\d{2})$/.exec(trimmed);
  if (month) {
    const [year, monthNumber] = [Number(month[1]), Number(month[2])];
    if (monthNumber < 1 || monthNumber > 12) throw new Error(`period "${text}": there is no month ${month[2]}. ${periodHelp}`);
    return { from: new Date(Date.UTC(year, monthNumber - 1, 1)), to: new Date(Date.UTC(year, monthNumber, 1)) };
  }
  const range = /^(.+)\.\.(.+)$/.exec(trimmed);
  if (range) {
    const from = parseDay(range[1] ?? "", `period "${text}": the start`);
    const last = parseDay(range[2] ?? "", `period "${text}": the end`);
    if (last < from) throw new Error(`period "${text}" ends before it starts.`);
    return { from, to: new Date(last.getTime() + dayMs) };
  }
  const lastDays = /^last-(\d+)-days?$/.exec(trimmed);
  if (lastDays) {
    const days = Number(lastDays[1]);
    if (days < 1 || days > 3660) throw new Error(`period "${text}": the number of days must be from 1 to 3660.`);
    return { from: new Date(now.getTime() - days * dayMs), to: now };
  }
  throw new Error(`period "${text}" is not understood. ${periodHelp}`);
}

/** What the dashboard may ask for: the period, and optionally one repo. */
export interface CostQuery extends CostPeriod {
  repo?: { owner: string; name: string };
}

export function parseRepo(text: string): { owner: string; name: string } {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(text.trim());
  if (!match?.[1] || !match[2]) throw new Error(`repo "${text}" is not owner/name, e.g. octo-org/shop.`);
  return { owner: match[1], name: match[2] };
}

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/**
 * `GET /api/pitwall/cost?by=workflow&period=2026-11[&repo=owner/name]`. `by` defaults to
 * workflow and `period` to last-30-days. A bad query is a 400 with a message; errors reading
 * the rows are left to the route (a 500).
 */
export async function handleCostRequest(
  query: URLSearchParams,
  rowsFor: (query: CostQuery) => Promise<readonly CostLedgerRow[]>,
  now: Date,
): Promise<{ status: number; body: unknown }> {
  const by = query.get("by") ?? "workflow";
  if (!isOneOf(costDimensions, by)) return { status: 400, body: { error: `by must be one of ${costDimensions.join(", ")}; got "${by}".` } };
  let costQuery: CostQuery;
  try {
    const period = parsePeriod(query.get("period") ?? "last-30-days", now);
    const repo = query.get("repo");
    costQuery = repo === null ? period : { ...period, repo: parseRepo(repo) };
  } catch (error) {
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
  return { status: 200, body: costReportJson(await rowsFor(costQuery), by, costQuery) };
}
