/** A timestamp GitHub sent (`created_at`, `updated_at`, a commit's date, an HTTP `date` header), or undefined when absent or unreadable. */
export function githubTime(text: string | undefined): Date | undefined {
  const time = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** Whether `a` is in an earlier second than `b`: GitHub's times have one-second precision, so within a second neither is earlier. */
export function earlierSecond(a: Date, b: Date): boolean {
  return Math.floor(a.getTime() / 1000) < Math.floor(b.getTime() / 1000);
}
