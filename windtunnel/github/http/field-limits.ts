// GitHub's documented field limits and the 422 bodies it answers when a request passes them.
// The wording is GitHub's, as seen in real responses:
// - titles and bodies, also for pull requests (which are issues): `{"resource":"Issue","code":"custom",
//   "field":"title","message":"title is too long (maximum is 256 characters)"}`
//   (googleapis/repo-automation-bots#1895) and `… "field":"body","message":"body is too long
//   (maximum is 65536 characters)"` (peter-evans/create-issue-from-file#1049);
// - creating a label: `{"resource":"Label","code":"custom","field":"name","message":"name is too
//   long (maximum is 50 characters)"}` (github/docs#32156); adding one to an issue instead gives
//   `{"value":"…","resource":"Label","field":"name","code":"invalid"}` (semantic-release/github#518);
// - check runs: over 65,535 characters the schema refuses ("Only 65535 characters are allowed;
//   85289 were supplied.", zyborg/dotnet-tests-report#9, see request-validator.ts), and under it
//   but over 65,535 bytes `{"resource":"CheckRun","code":"custom","field":"summary","message":
//   "summary exceeds a maximum bytesize of 65535"}` (github/docs#35252).
// - a label's description: GitHub's docs say "must be 100 characters or fewer"; the body is
//   assumed to follow the name's wording.
// GitHub is Ruby: a "character" is a code point, so 256 emoji make a valid title.
import { validationFailed } from "./errors.ts";

export const fieldLimits = { title: 256, body: 65_536, checkOutput: 65_535, labelName: 50, labelDescription: 100 } as const;

export const characterCount = (text: string): number => [...text].length;

/** Throws GitHub's 422 when `value` is longer than `max` characters. */
export function limitLength(resource: string, field: string, value: string | null | undefined, max: number): void {
  if (value !== null && value !== undefined && characterCount(value) > max) {
    throw validationFailed({ resource, code: "custom", field, message: `${field} is too long (maximum is ${max} characters)` });
  }
}

/** Issues and pull requests share their title and body limits (a pull request is an issue). */
export function limitIssueFields(fields: { title?: string | null | undefined; body?: string | null | undefined }): void {
  limitLength("Issue", "title", fields.title, fieldLimits.title);
  limitLength("Issue", "body", fields.body, fieldLimits.body);
}

/** Labels added to an issue by name: a name over 50 characters is `invalid`, with its value. */
export function limitLabelNames(names: readonly string[]): void {
  const long = names.find((name) => characterCount(name) > fieldLimits.labelName);
  if (long !== undefined) throw validationFailed({ value: long, resource: "Label", field: "name", code: "invalid" });
}

/** A check run's summary and text are limited in bytes too (characters are the schema's). */
export function limitCheckOutputBytes(output: { summary?: string | undefined; text?: string | undefined } | undefined): void {
  for (const field of ["summary", "text"] as const) {
    const value = output?.[field];
    if (value !== undefined && Buffer.byteLength(value, "utf8") > fieldLimits.checkOutput) {
      throw validationFailed({ resource: "CheckRun", code: "custom", field, message: `${field} exceeds a maximum bytesize of ${fieldLimits.checkOutput}` });
    }
  }
}
