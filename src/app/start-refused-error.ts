/** Settings Pitwall will not start with; each problem names its variable. */
export class StartRefusedError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "StartRefusedError";
    this.problems = problems;
  }
}
