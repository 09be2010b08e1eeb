/** A timestamp GitHub sent (`created_at`, `updated_at`, a commit's date, an HTTP `date` header), or undefined when absent or unreadable. */
export function githubTime(text: string | undefined): Date | undefined {
  const time = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}
